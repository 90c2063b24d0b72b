"""Index bigrams instead of jieba words, and on PostgreSQL store the tsvector.

- Every entry's content_words/text_words are re-tokenised (luoshi.search.segment: Han runs
  as overlapping bigrams, so a query word is found wherever its characters occur, however a
  segmenter would have cut the surrounding text). On SQLite the FTS5 triggers follow.
- PostgreSQL: the GIN index over an expression is replaced by a stored generated column
  `search_vector` (to_tsvector('simple', …) keeps token positions, so a word's bigrams can
  be matched as a phrase; content weighted A, progress text B) with a GIN index, so
  ranking reads the stored vector instead of rebuilding it for every match."""

from django.db import migrations

POSTGRES_FORWARD = [
    "DROP INDEX IF EXISTS search_entry_words_gin",
    """ALTER TABLE search_entry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, content_words), 'A')
        || setweight(to_tsvector('simple'::regconfig, text_words), 'B')) STORED""",
    "CREATE INDEX search_entry_vector_gin ON search_entry USING gin (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_vector_gin",
    "ALTER TABLE search_entry DROP COLUMN IF EXISTS search_vector",
    """CREATE INDEX search_entry_words_gin ON search_entry USING gin ((
        setweight(array_to_tsvector(string_to_array(content_words, ' ')), 'A')
        || setweight(array_to_tsvector(string_to_array(text_words, ' ')), 'B')))""",
]


def retokenise(apps, schema_editor):
    from luoshi.search.segment import words

    SearchEntry = apps.get_model("search", "SearchEntry")
    manager = SearchEntry.objects.using(schema_editor.connection.alias)
    entries = manager.select_related("progress__task")
    batch = []
    for entry in entries.order_by("pk").iterator(chunk_size=2000):
        entry.content_words = " ".join(words(entry.progress.task.content))
        entry.text_words = " ".join(words(entry.progress.text))
        batch.append(entry)
        if len(batch) == 2000:
            manager.bulk_update(batch, ["content_words", "text_words"])
            batch = []
    manager.bulk_update(batch, ["content_words", "text_words"])


def postgres(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        # Backwards the words stay bigrams: run `luoshi reindex` with the older code.
        migrations.RunPython(retokenise, migrations.RunPython.noop),
        migrations.RunPython(postgres(POSTGRES_FORWARD), postgres(POSTGRES_BACKWARD)),
    ]
