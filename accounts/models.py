"""Accounts: sign-up, e-mail confirmation, tokens."""
