from django.urls import path

from luoshi.work.views import government
from luoshi.work.views import people as pages

app_name = "people"

urlpatterns = [
    path("accounts/", pages.account_list, name="accounts"),
    path("accounts/<int:pk>/active/", pages.account_active, name="account_active"),
    path("accounts/<int:pk>/unlock/", pages.account_unlock, name="account_unlock"),
    path("accounts/<int:pk>/password/", pages.account_password, name="account_password"),
    path("government/", government.settings_page, name="government"),
    path("accounts/<int:pk>/contact/", pages.account_contact, name="account_contact"),
    path("units/", pages.unit_list, name="units"),
    path("units/<int:pk>/alias/", pages.unit_alias, name="unit_alias"),
]
