from django import forms

from hoptac.reminders.models import MAX_DAYS, MuteSetting, ReminderRule
from hoptac.reminders.services.notifications import MUTE_FIELDS


class RuleForm(forms.ModelForm):
    class Meta:
        model = ReminderRule
        fields = ("kind", "days", "weekday", "sends_email", "sends_in_app", "is_active")
        widgets = {"days": forms.NumberInput(attrs={"min": 0, "max": MAX_DAYS})}  # noqa: RUF012


class MuteForm(forms.ModelForm):
    class Meta:
        model = MuteSetting
        fields = MUTE_FIELDS
