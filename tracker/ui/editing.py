"""Whether this copy of the app may change data, and the sign-in that editing may need.

A public copy is read-only. Editing is on when the environment variable `TRACKER_EDITABLE` is
`1` (or `true`/`yes`) or the secret `editable = true` is set; when the secrets hold an `[auth]`
section, the user must also be signed in (`st.login`). Pages that write data call
`editing_gate()` first and stop when it returns False.
"""

from __future__ import annotations

import os

import streamlit as st

ENV_VAR = "TRACKER_EDITABLE"
_TRUE = {"1", "true", "yes", "on"}


def _secret(name: str) -> object:
    """A top-level secret, or None when there are no secrets at all."""
    try:
        return st.secrets.get(name)
    except Exception:  # no secrets.toml: Streamlit raises its own not-found error
        return None


def editing_enabled() -> bool:
    """Whether the environment variable or the `editable` secret turns editing on."""
    if os.environ.get(ENV_VAR, "").strip().lower() in _TRUE:
        return True
    value = _secret("editable")
    return value is True or str(value).strip().lower() in _TRUE


def auth_configured() -> bool:
    return _secret("auth") is not None


def signed_in() -> bool:
    """Whether the session's user has signed in (False where sign-in is not set up)."""
    return bool(st.user.get("is_logged_in", False))


def current_user() -> str:
    """Who is editing, for the change log: the signed-in user, else the server's user name."""
    if auth_configured() and signed_in():
        return str(st.user.get("email") or st.user.get("name") or "signed-in user")
    return os.environ.get("USER") or os.environ.get("USERNAME") or "analyst"


def editing_gate() -> bool:
    """True when this session may write data; otherwise say why and how to turn editing on."""
    if not editing_enabled():
        st.info(
            "Editing is off in this copy of the tracker: it is read-only. To add articles, run "
            f"the app with the environment variable `{ENV_VAR}=1`, or set `editable = true` in "
            "its secrets (`.streamlit/secrets.toml` or the hosting service's secrets settings).",
            icon=":material/lock:",
        )
        return False
    if auth_configured() and not signed_in():
        st.info("Editing needs you to sign in.", icon=":material/login:")
        if st.button("Sign in", type="primary", key="editing_sign_in"):
            st.login()
        return False
    return True
