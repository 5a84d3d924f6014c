import html


def page_text(response) -> str:
    """The response's HTML with entities decoded, so "You've" reads as typed."""
    return html.unescape(response.content.decode())
