"""The index holds each report's current version only: drop the entries of versions a
correction has replaced (earlier versions stay on their pages, marked 已更正)."""

from django.db import migrations


def drop_corrected(apps, schema_editor):
    SearchEntry = apps.get_model("search", "SearchEntry")
    Publication = apps.get_model("disclosure", "Publication")
    corrected = Publication.objects.filter(corrected_by__isnull=False).values("pk")
    SearchEntry.objects.filter(publication__in=corrected).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_bigrams_stored_vector"),
        ("disclosure", "0002_versions_snapshots_serials"),
    ]

    operations = [migrations.RunPython(drop_corrected, migrations.RunPython.noop)]
