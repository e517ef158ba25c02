from django.db import migrations

from hoptac.plans.generation_triggers import Watched, watch


class Migration(migrations.Migration):
    dependencies = [("tracking", "0002_watch_generation"), ("plans", "0008_generations_per_scope")]

    # The tracking pages show estimates (of a plan) and supervisions (of a department): their writes
    # raise the generations of that plan's readers and of the department's alliance.
    operations = [
        watch(
            Watched("tracking_costestimate", plans=("{r}.plan_id",)),
            Watched("tracking_supervision", organisations=("{r}.department_id",)),
        )
    ]
