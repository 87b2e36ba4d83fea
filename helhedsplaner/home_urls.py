"""The home page at the site root, without a namespace: ``{% url 'home' %}`` and
``LOGIN_REDIRECT_URL = "home"`` name it so. Included by the root URLconf (portal/urls.py)."""

from django.urls import path

from .home import home

urlpatterns = [
    path("", home, name="home"),
]
