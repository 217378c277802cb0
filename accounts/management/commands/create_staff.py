"""manage.py create_staff --email a@b.ru --role operator --department roads [--department …] [--name …]"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from accounts.services import STAFF_ROLES, staff_create
from geoportal.errors import DomainError


class Command(BaseCommand):
    help = (
        "Create a staff account (moderator, operator, planner or admin) and e-mail it a link to choose its "
        "password. Residents sign up themselves."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True, help="The e-mail address, also the user name.")
        parser.add_argument("--role", required=True, choices=[str(role) for role in STAFF_ROLES])
        parser.add_argument(
            "--department",
            action="append",
            default=[],
            metavar="CODE",
            help="Department code (repeat for several); an operator needs at least one.",
        )
        parser.add_argument("--name", default="", help="Full name shown to colleagues.")

    def handle(self, *args, email, role, department, name, **options):
        with translation.override(settings.LANGUAGE_CODE):
            try:
                user = staff_create(email=email, role=role, departments=department, name=name)
            except DomainError as exc:
                raise CommandError(f"{exc.field or 'error'}: {exc.detail}") from None
        where = f" in {', '.join(department)}" if department else ""
        self.stdout.write(
            f"Created {role} {user.username}{where}; an invitation e-mail was sent to {user.email}."
        )
