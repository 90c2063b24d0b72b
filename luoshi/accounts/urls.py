from django.contrib.auth import views as auth_views
from django.urls import path

from luoshi.security.forms import LoginForm
from luoshi.security.views import PasswordChangeView

app_name = "accounts"

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html", authentication_form=LoginForm
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(next_page="/"), name="logout"),
    path("password/", PasswordChangeView.as_view(), name="password_change"),
]
