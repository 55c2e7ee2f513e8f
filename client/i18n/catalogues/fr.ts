/**
 * French. Register: "vous", as Le Monde and Libération speak to their readers; buttons are
 * infinitives ("Répondre", "Signaler"). French typography: a no-break space before : ? ! and
 * inside « ».
 */
import type { Messages } from "../translate.js";

/** French messages by English id. */
export const fr = {
  "{count} Comments": {
    one: "{count} commentaire",
    many: "{count} de commentaires",
    other: "{count} commentaires",
  },
  "Notify of": "Me prévenir",
  Nothing: "Jamais",
  "New replies to my comments": "En cas de réponse à mes commentaires",
  "All new follow-up comments": "À chaque nouveau commentaire",
  "Sort by": "Trier par",
  Newest: "Plus récents",
  Oldest: "Plus anciens",
  "Most liked": "Plus appréciés",
  "Loading comments…": "Chargement des commentaires…",
  "No comments yet. Start the conversation.":
    "Aucun commentaire pour l’instant. Lancez la discussion !",
  "Comments could not be loaded. ": "Impossible de charger les commentaires. ",
  "Try again": "Réessayer",
  "Load more comments": "Afficher plus de commentaires",
  "More comments could not be loaded.": "Impossible de charger d’autres commentaires.",
  "Comments are closed.": "Les commentaires sont fermés.",
  "That comment could not be found.": "Ce commentaire est introuvable.",
  "Connection lost. Reconnecting… new comments will appear when it is back.":
    "Connexion perdue. Reconnexion en cours… Les nouveaux commentaires s’afficheront dès son retour.",
  "Connection restored.": "Connexion rétablie.",
  "Connection lost. Reconnecting.": "Connexion perdue. Reconnexion en cours.",
  "{count} new comments": {
    one: "{count} nouveau commentaire",
    many: "{count} de nouveaux commentaires",
    other: "{count} nouveaux commentaires",
  },
  "New comment from {name}": "Nouveau commentaire de {name}",
  "Show more replies ({count})": "Afficher plus de réponses ({count})",
  "Show {count} more replies": {
    one: "Afficher {count} autre réponse",
    other: "Afficher {count} autres réponses",
  },
  Guest: "Invité",
  Member: "Membre",
  Moderator: "Modération",
  "This comment was removed.": "Ce commentaire a été supprimé.",
  "Read more »": "Lire la suite »",
  " · edited": " · modifié",
  " · edited by a moderator": " · modifié par la modération",
  "Reply to ": "En réponse à ",
  "This comment is awaiting moderation.": "Ce commentaire est en attente de modération.",
  "Awaiting moderation: only you can see this for now.":
    "En attente de modération : vous seul le voyez pour l’instant.",
  Reply: "Répondre",
  "Copy link": "Copier le lien",
  "Link to this comment": "Lien vers ce commentaire",
  "Link copied": "Lien copié",
  Edit: "Modifier",
  Delete: "Supprimer",
  Save: "Enregistrer",
  Cancel: "Annuler",
  "Edited text": "Texte modifié",
  "A comment cannot be empty.": "Un commentaire ne peut pas être vide.",
  "Delete this comment?": "Supprimer ce commentaire ?",
  "Yes, delete": "Oui, supprimer",
  "Keep it": "Le garder",
  "The time for editing this comment has passed.":
    "Le délai pour modifier ce commentaire est dépassé.",
  "Only the author can change this comment.": "Seul son auteur peut modifier ce commentaire.",
  "Parley cannot be reached right now. Please try again.":
    "Les commentaires sont momentanément indisponibles. Veuillez réessayer.",
  Score: "Score",
  "Vote up": "J’approuve",
  "Vote down": "Je désapprouve",
  Report: "Signaler",
  "Report it": "Oui, signaler",
  "Report this comment to the moderators?": "Signaler ce commentaire à la modération ?",
  "Reported. Thank you.": "Signalement envoyé. Merci !",
  "Too many votes just now. Please wait a moment.":
    "Trop de votes en peu de temps. Patientez un instant.",
  "Enter your name in the form above first.":
    "Indiquez d’abord votre nom dans le formulaire ci-dessus.",
  Name: "Nom",
  "Email (optional, never shown)": "E-mail (facultatif, jamais affiché)",
  Comment: "Commentaire",
  "Join the discussion": "Participez à la discussion",
  "Post Comment": "Publier",
  "Cancel reply": "Annuler la réponse",
  "Replying to ": "En réponse à ",
  "Commenting as {name}": "Vous commentez en tant que {name}",
  "Please enter your name (up to 50 characters).":
    "Veuillez indiquer votre nom (50 caractères au plus).",
  "Please enter a valid email address, or none.":
    "Veuillez saisir une adresse e-mail valide, ou laisser le champ vide.",
  "Please write a comment first.": "Veuillez d’abord écrire un commentaire.",
  "Your comment could not be posted. Please try again.":
    "Votre commentaire n’a pas pu être publié. Veuillez réessayer.",
  Mention: "Mentionner",
  "Your comment awaits moderation.": "Votre commentaire est en attente de modération.",
  "Your comment was posted.": "Votre commentaire a été publié.",
  "Something went wrong. Please try again.": "Un problème est survenu. Veuillez réessayer.",
  "You are posting quickly. Please try again in {seconds} seconds.":
    "Vous publiez très vite. Réessayez dans {seconds} s.",
  "You are posting quickly. Please try again shortly.":
    "Vous publiez très vite. Réessayez dans un instant.",
  "The comment you replied to is no longer there.":
    "Le commentaire auquel vous répondez n’existe plus.",
  "Your comment could not be sent. Check your connection and try again.":
    "Votre commentaire n’a pas pu être envoyé. Vérifiez votre connexion, puis réessayez.",
  "Your sign-in has expired. Please reload the page and try again.":
    "Votre session a expiré. Rechargez la page, puis réessayez.",
  "Email settings": "Alertes par e-mail",
  "Email for replies (never shown)": "E-mail pour les réponses (jamais affiché)",
  Delivery: "Fréquence",
  instant: "immédiate",
  hourly: "toutes les heures",
  daily: "une fois par jour",
  off: "désactivée",
  " Reply emails": " Recevoir les réponses par e-mail",
  "Check your inbox: follow the link we sent to confirm.":
    "Consultez votre boîte de réception : cliquez sur le lien envoyé pour confirmer.",
  "Please enter a valid email address.": "Veuillez saisir une adresse e-mail valide.",
  "Could not save. Please try again.": "Enregistrement impossible. Veuillez réessayer.",
  "Your choice will apply once you post your first comment.":
    "Votre choix s’appliquera dès votre premier commentaire.",
  "Notification choice saved.": "Préférence d’alerte enregistrée.",
  "Your choice could not be saved.": "Votre choix n’a pas pu être enregistré.",
  "Notifications, {count} unread": {
    one: "Notifications, {count} non lue",
    other: "Notifications, {count} non lues",
  },
  "Your notifications": "Vos notifications",
  "Mark all as read": "Tout marquer comme lu",
  "{name} replied to you": "{name} vous a répondu",
  "Nothing yet. Replies to your comments will show here.":
    "Rien pour l’instant. Les réponses à vos commentaires s’afficheront ici.",
  "Post a comment to be told when someone replies.":
    "Publiez un commentaire pour être prévenu des réponses.",
  "Notifications could not be loaded.": "Impossible de charger les notifications.",
  "Notifications could not be marked as read.":
    "Impossible de marquer les notifications comme lues.",
  " replied to your comment": " a répondu à votre commentaire",
  " mentioned you": " vous a mentionné",
  " commented": " a commenté",
  "On {title}": "Sur « {title} »",
  "another article ({id})": "un autre article ({id})",
  "That did not work. Please try again.": "Cela n’a pas fonctionné. Veuillez réessayer.",
  "Parley cannot be reached right now.": "Les commentaires sont momentanément indisponibles.",
  "Parley did not answer in time.": "Le service de commentaires n’a pas répondu à temps.",
  "Approved.": "Approuvé.",
  "Rejected.": "Refusé.",
  "Removed.": "Supprimé.",
  "The decision failed": "La décision n’a pas pu être enregistrée",
  Live: "En direct",
  "That token was refused": "Ce jeton a été refusé",
  "Load failed": "Échec du chargement",
  "Reconnecting…": "Reconnexion…",
  "Your token has expired: paste a new one": "Votre jeton a expiré : collez-en un nouveau",
  "You are no longer a moderator": "Vous n’êtes plus modérateur",
  "Signed out": "Déconnecté",
  "Reported {count} times": {
    one: "Signalé {count} fois",
    many: "Signalé {count} de fois",
    other: "Signalé {count} fois",
  },
  " on ": " sur ",
  " · a reply": " · une réponse",
  "Decide about {name}'s comment": "Statuer sur le commentaire de {name}",
  Approve: "Approuver",
  Keep: "Conserver",
  Reject: "Refuser",
  Remove: "Supprimer",
  "Moderation queue": "File de modération",
  "Not signed in": "Non connecté",
  "Moderator token": "Jeton de modération",
  "Paste a single sign-on token with role moderator":
    "Collez un jeton d’authentification unique avec le rôle « moderator »",
  "Sign in": "Se connecter",
  "A host signs the token (see docs/sso.md). It stays in this tab only; it may also be passed as ":
    "Le site hôte signe le jeton (voir docs/sso.md). Il reste dans cet onglet uniquement ; il peut aussi être transmis via ",
  ", which never reaches a server log.": ", qui n’apparaît jamais dans les journaux du serveur.",
  Queue: "File",
  Queues: "Files",
  "Awaiting review": "À examiner",
  Reported: "Signalés",
  "Sign out": "Se déconnecter",
  "Nothing waiting. New items appear here live.":
    "Rien en attente. Les nouveaux éléments s’afficheront ici en direct.",
} satisfies Messages;
