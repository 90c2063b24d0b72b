from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy

from luoshi.security import passwords


class PasswordChangeView(auth_views.PasswordChangeView):
    """Every account changes its own password here (the old one first); an account whose
    password was set by an admin is sent here at log-in until it has."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("work:home")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["forced"] = bool(self.request.session.get(passwords.SESSION_FLAG))
        return context

    def form_valid(self, form):
        response = super().form_valid(form)  # keeps this session signed in
        passwords.changed_by_owner(self.request.user)
        self.request.session.pop(passwords.SESSION_FLAG, None)
        messages.success(self.request, "密码已修改")
        return response
