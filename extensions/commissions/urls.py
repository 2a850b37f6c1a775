"""Front-end addresses of the private spaces outside the page tree: sign
in/out, password reset, "Mes espaces", invitation links, unsubscription
from the notifications. The spaces themselves are pages
(/espaces/<space>/...), served by Wagtail."""
from django.urls import path

from . import views

app_name = "commissions"

urlpatterns = [
    path("espaces/", views.my_spaces, name="my_spaces"),
    path("connexion/", views.SignInView.as_view(), name="login"),
    path("deconnexion/", views.SignOutView.as_view(), name="logout"),
    path("mot-de-passe/oublie/", views.PasswordResetView.as_view(), name="password_reset"),
    path("mot-de-passe/envoye/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("mot-de-passe/nouveau/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("mot-de-passe/modifie/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("notifications/desabonnement/<str:token>/", views.unsubscribe_notifications, name="unsubscribe"),
    path("notifications/desabonnement/<str:token>/un-clic/", views.unsubscribe_one_click,
         name="unsubscribe_one_click"),
]
