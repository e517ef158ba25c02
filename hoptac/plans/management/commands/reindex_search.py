from django.core.management.base import BaseCommand

from hoptac.plans.services.search_texts import search_texts_rebuild


class Command(BaseCommand):
    help = (
        "Make the search text of every plan and activity again, after the way search stores text "
        "changed (docs/adr/0011). Safe to run again."
    )

    def handle(self, *args, **options):
        plans, activities = search_texts_rebuild()
        self.stdout.write(f"search text rewritten: {plans} plans, {activities} activities")
