"""No template text that is not marked for translation, beyond the baseline of what is
left to mark (tests/i18n/unmarked_template_text.txt, which only shrinks)."""

from .template_text import baseline, literal_text, unmarked, unmarked_lines


def test_no_new_unmarked_template_text():
    new = sorted(set(unmarked_lines()) - baseline())
    assert not new, (
        "Template text not marked for translation: wrap it in {% translate %} or "
        "{% blocktranslate %} (docs/i18n.md):\n" + "\n".join(new)
    )


def test_the_check_finds_unmarked_text_and_passes_marked_text(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "{% load i18n %}<h1>{% translate 'Events' %}</h1>\n"
        "<p>{% blocktranslate %}Hello {{ name }}{% endblocktranslate %}</p>\n"
        '<p>Nobody marked me</p><img alt="A garden" src="x.png">\n'
        "<script>var words = 'not shown';</script>{# a comment #}\n"
        "{% comment %}Notes for developers{% endcomment %}<span>· 3 km</span> &middot;\n",
        encoding="utf-8",
    )
    assert unmarked(page) == ["alt=A garden", "Nobody marked me"]


def test_the_lexer_keeps_variables_and_tags_out_of_the_text():
    assert literal_text("Hi {{ name }}{% if x %}there{% endif %}") == "Hi   there "


def test_a_button_value_counts_only_where_a_reader_sees_it(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        '<input type="submit" value="Change status"><input type="hidden" value="accept it">\n'
        '<button type="submit" name="answer" value="accept">{% translate "Yes" %}</button>\n',
        encoding="utf-8",
    )
    assert unmarked(page) == ["value=Change status"]
