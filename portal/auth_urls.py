"""Account URLs under /konto/ (names without a namespace: the two-factor middleware
exempts the verify and enrol pages by name)."""

from django.urls import path

from portal import auth_views

urlpatterns = [
    path("sikkerhed/", auth_views.security, name="security"),
    path("kode/", auth_views.two_factor_verify, name="two_factor_verify"),
    path("tofaktor/", auth_views.two_factor_enrol, name="two_factor_enrol"),
    path("tofaktor/slaa-fra/", auth_views.two_factor_disable, name="two_factor_disable"),
    path("adgangskode/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    # The link in an invitation (helhedsplaner/invitations.py): choose a password, no login.
    path(
        "invitation/<uidb64>/<token>/",
        auth_views.InvitationAcceptView.as_view(),
        name="invitation_accept",
    ),
]
