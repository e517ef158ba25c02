from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "hoptac.plans"
    label = "plans"
    verbose_name = _("Plans")

    def ready(self) -> None:
        # `flush` (tests' teardown among others) empties every table, the data generation's one row
        # too; Django sends post_migrate after it, as it does after migrate.
        post_migrate.connect(_ensure_generation_row, sender=self)


def _ensure_generation_row(sender, using="default", **kwargs) -> None:
    from hoptac.core.generation import generation_row_ensure

    generation_row_ensure(using)
