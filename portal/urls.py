"""The root URLconf: the composition root that wires every app's URLs in, by module name
(``include("app.urls")``), so the portal package imports no app above it."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from . import views

urlpatterns = [
    path("", include("helhedsplaner.home_urls")),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("hjaelp/ordliste/", views.ordliste, name="ordliste"),
    path("hjaelp/tilgaengelighed/", views.tilgaengelighed, name="tilgaengelighed"),
    path(
        "login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("konto/", include("portal.auth_urls")),
    path("konto/", include("api.konto_urls")),
    path("api/v1/", include("api.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("planer/", include("helhedsplaner.urls")),
    path("planer/", include("bestyrelser.urls")),
    path("monitorering/", include("monitorering.urls")),
    path("tilsyn/", include("tilsyn.urls")),
    path("enighed/", include("enighed.urls")),
    path("notifikationer/", include("notifikationer.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
