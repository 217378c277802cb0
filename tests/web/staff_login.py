"""Signing a staff member in through the page's own form (#/mine), for the planner and operator tests."""

PASSWORD = "Krymsk-Staff-2026"


def sign_in(page, user) -> None:
    """Gives `user` a password and signs in on `page` through "Мои обращения"; returns once the header
    knows the user (the staff panels' buttons appear then)."""
    user.set_password(PASSWORD)
    user.save()
    page.evaluate("window.location.hash = '#/mine'")
    login = page.locator("form.gp-login")
    login.get_by_label("Эл. почта или имя пользователя").fill(user.username)
    login.get_by_label("Пароль").fill(PASSWORD)
    login.get_by_role("button", name="Войти").click()
    page.get_by_text("Вы вошли как").wait_for()


def csrf_headers(page) -> dict[str, str]:
    """The X-CSRFToken header of the page's session, for an API call made with page.request."""
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    return {"X-CSRFToken": cookies["csrftoken"], "Content-Type": "application/json"}
