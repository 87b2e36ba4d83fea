from portal.access import is_lbf_staff


def roles(request) -> dict:
    user = getattr(request, "user", None)
    return {"is_lbf_staff": bool(user and is_lbf_staff(user))}
