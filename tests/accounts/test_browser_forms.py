"""allauth's forms sent back with errors, on a 390 px phone: the page answers 400, the typed
text is still there, and the error summary and every error list sit inside the screen (the
sign-up page's error list once ran off its left edge). Measured by element geometry."""

import pytest

pytestmark = pytest.mark.browser

PHONE = 390

# Every box a reader must see whole: the summary, each field's errors, each field (not the
# honeypot, which is placed off the screen on purpose).
OUTSIDE = """
(width) => [...document.querySelectorAll(
    '.error-summary, .errorlist, main input:not([type=hidden]):not([tabindex="-1"]), main button')]
  .map((el) => { const r = el.getBoundingClientRect();
    return {what: el.outerHTML.slice(0, 80), left: r.left, right: r.right}; })
  .filter((box) => box.left < -0.5 || box.right > width + 0.5)
"""


def _sent_back(page, url: str, fields: dict[str, str], button: str) -> list[str]:
    """Fill the form at ``url`` (``fields`` by name) and send it; what is wrong with the
    page it answers."""
    page.goto(url)
    for name, value in fields.items():
        page.locator(f'main [name="{name}"]').fill(value)
    with page.expect_navigation() as answer:
        page.get_by_role("button", name=button, exact=True).click()
    problems = []
    if answer.value.status != 400:
        problems.append(f"{url}: HTTP {answer.value.status}, not 400")
    if not page.locator(".error-summary").is_visible():
        problems.append(f"{url}: no error summary")
    problems += [f"{url}: off the screen: {box}" for box in page.evaluate(OUTSIDE, PHONE)]
    wide = page.evaluate("document.documentElement.scrollWidth")
    if wide > PHONE:
        problems.append(f"{url}: the page is {wide} px wide")
    return problems


def test_a_wrong_sign_up_fits_the_phone_and_keeps_the_address(page, db):
    problems = _sent_back(
        page,
        "/accounts/signup/",
        {"email": "ana@", "password1": "1", "password2": "2"},
        "Sign up",
    )
    assert page.locator('main [name="email"]').input_value() == "ana@"
    assert not problems, "\n".join(problems)


def test_a_wrong_password_change_fits_the_phone(page, login_page, member):
    login_page(member)
    problems = _sent_back(
        page,
        "/accounts/password/change/",
        {"oldpassword": "not-it", "password1": "1", "password2": "2"},
        "Change password",
    )
    assert not problems, "\n".join(problems)
