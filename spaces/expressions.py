"""An SQL expression the search page leans on, cheap to compile.

(The distance is ``postcodes.geo.distance_expression``, shared by every "near me" query.)

``TagPairs``: a space's tags as one string, from a correlated subquery, so a page of
results and their tags come in one query (PostgreSQL runs the subquery only for the rows
that survive the ORDER BY ... LIMIT).
"""

from django.db.models import CharField, Expression, F

# Separators that cannot occur in a tag (forms strip control characters).
UNIT_SEPARATOR = "\x1f"
RECORD_SEPARATOR = "\x1e"


class TagPairs(Expression):
    """ "name␟slug␞name␟slug…" of a row's taggit tags, by name; None when it has none."""

    output_field = CharField()

    def __init__(self, content_type_id: int, pk_field: str = "pk"):
        super().__init__(output_field=CharField())
        self.content_type_id = content_type_id
        self.pk = F(pk_field)

    def get_source_expressions(self):
        return [self.pk]

    def set_source_expressions(self, exprs):
        (self.pk,) = exprs

    def as_sql(self, compiler, connection):
        return tag_pairs_sql(self.content_type_id, compiler.compile(self.pk), connection)


def tag_pairs_sql(content_type_id: int, pk: tuple[str, list | tuple], connection):
    """(SQL, params) of ``TagPairs`` for the row whose primary key is ``pk`` (its SQL and
    params): for the expression and for the search's query written as SQL
    (``spaces.listing``)."""
    from taggit.models import Tag, TaggedItem

    pk_sql, pk_params = pk
    qn = connection.ops.quote_name
    items, tags = qn(TaggedItem._meta.db_table), qn(Tag._meta.db_table)
    joined = (
        f"FROM {items} ti INNER JOIN {tags} t ON t.id = ti.tag_id "
        f"WHERE ti.content_type_id = %s AND ti.object_id = {pk_sql}"
    )
    # Only quoted table names and the compiled column go into the text; every value is a
    # parameter.
    if connection.vendor == "postgresql":
        sql = f"(SELECT STRING_AGG(t.name || %s || t.slug, %s ORDER BY t.name) {joined})"
        params = (UNIT_SEPARATOR, RECORD_SEPARATOR, content_type_id, *pk_params)
    else:
        sql = (
            f"(SELECT GROUP_CONCAT(pair, %s) FROM (SELECT t.name || %s || t.slug AS pair "  # noqa: S608
            f"{joined} ORDER BY t.name))"
        )
        params = (RECORD_SEPARATOR, UNIT_SEPARATOR, content_type_id, *pk_params)
    return sql, params
