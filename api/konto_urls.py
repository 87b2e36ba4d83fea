"""The personal API keys under /konto/ (beside the Sikkerhed page)."""

from django.urls import path

from . import views

urlpatterns = [
    path("api-noegler/ny/", views.noegle_create, name="api_noegle_create"),
    path("api-noegler/<int:pk>/tilbagekald/", views.noegle_revoke, name="api_noegle_revoke"),
]
