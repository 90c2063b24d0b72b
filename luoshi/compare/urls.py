from django.urls import path

from luoshi.compare import views

app_name = "compare"

urlpatterns = [
    path("governments/", views.government_list, name="governments"),
    path("compare/", views.compare, name="compare"),
]
