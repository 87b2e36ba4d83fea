from django.urls import path

from . import views

app_name = "helhedsplaner"

urlpatterns = [
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
]
