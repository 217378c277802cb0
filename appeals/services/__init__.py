"""Every write to appeals, split by who acts: intake.py / resident.py (residents), staff.py (moderators,
operators). Import from the submodule: `from appeals.services.intake import appeal_create`."""
