/**
 * German. Register: "Sie", as the comment sections of Zeit, FAZ and Spiegel address readers;
 * buttons are infinitives ("Antworten", "Melden"), as German interfaces write them.
 */
import type { Messages } from "../translate.js";

/** German messages by English id. */
export const de = {
  "{count} Comments": { one: "{count} Kommentar", other: "{count} Kommentare" },
  "Notify of": "Benachrichtigungen",
  Nothing: "Keine",
  "New replies to my comments": "Bei Antworten auf meine Kommentare",
  "All new follow-up comments": "Bei allen neuen Kommentaren",
  "Sort by": "Sortieren nach",
  Newest: "Neueste zuerst",
  Oldest: "Älteste zuerst",
  "Most liked": "Beliebteste",
  "Loading comments…": "Kommentare werden geladen …",
  "No comments yet. Start the conversation.": "Noch keine Kommentare. Schreiben Sie den ersten!",
  "Comments could not be loaded. ": "Die Kommentare konnten nicht geladen werden. ",
  "Try again": "Erneut versuchen",
  "Load more comments": "Weitere Kommentare laden",
  "More comments could not be loaded.": "Weitere Kommentare konnten nicht geladen werden.",
  "Comments are closed.": "Die Kommentarfunktion ist geschlossen.",
  "That comment could not be found.": "Dieser Kommentar wurde nicht gefunden.",
  "Connection lost. Reconnecting… new comments will appear when it is back.":
    "Verbindung unterbrochen, wird wiederhergestellt … Neue Kommentare erscheinen, sobald sie wieder steht.",
  "Connection restored.": "Verbindung wiederhergestellt.",
  "Connection lost. Reconnecting.": "Verbindung unterbrochen, wird wiederhergestellt.",
  "{count} new comments": { one: "{count} neuer Kommentar", other: "{count} neue Kommentare" },
  "New comment from {name}": "Neuer Kommentar von {name}",
  "Show more replies ({count})": "Weitere Antworten anzeigen ({count})",
  "Show {count} more replies": {
    one: "{count} weitere Antwort anzeigen",
    other: "{count} weitere Antworten anzeigen",
  },
  Guest: "Gast",
  Member: "Mitglied",
  Moderator: "Moderation",
  "This comment was removed.": "Dieser Kommentar wurde entfernt.",
  "Read more »": "Weiterlesen »",
  " · edited": " · bearbeitet",
  " · edited by a moderator": " · von der Moderation bearbeitet",
  "Reply to ": "Antwort an ",
  "This comment is awaiting moderation.": "Dieser Kommentar wird noch geprüft.",
  "Awaiting moderation: only you can see this for now.":
    "Wird noch geprüft: Vorerst sehen nur Sie diesen Kommentar.",
  Reply: "Antworten",
  "Copy link": "Link kopieren",
  "Link to this comment": "Link zu diesem Kommentar",
  "Link copied": "Link kopiert",
  Edit: "Bearbeiten",
  Delete: "Löschen",
  Save: "Speichern",
  Cancel: "Abbrechen",
  "Edited text": "Bearbeiteter Text",
  "A comment cannot be empty.": "Ein Kommentar darf nicht leer sein.",
  "Delete this comment?": "Diesen Kommentar löschen?",
  "Yes, delete": "Ja, löschen",
  "Keep it": "Behalten",
  "The time for editing this comment has passed.":
    "Dieser Kommentar kann nicht mehr bearbeitet werden: Die Frist ist abgelaufen.",
  "Only the author can change this comment.":
    "Nur wer den Kommentar verfasst hat, kann ihn ändern.",
  "Parley cannot be reached right now. Please try again.":
    "Die Kommentare sind gerade nicht erreichbar. Bitte versuchen Sie es erneut.",
  Score: "Bewertung",
  "Vote up": "Positiv bewerten",
  "Vote down": "Negativ bewerten",
  Report: "Melden",
  "Report it": "Ja, melden",
  "Report this comment to the moderators?": "Diesen Kommentar der Moderation melden?",
  "Reported. Thank you.": "Gemeldet. Vielen Dank!",
  "Too many votes just now. Please wait a moment.":
    "Zu viele Bewertungen in kurzer Zeit. Bitte warten Sie einen Moment.",
  "Enter your name in the form above first.":
    "Bitte geben Sie zuerst oben im Formular Ihren Namen ein.",
  Name: "Name",
  "Email (optional, never shown)": "E-Mail (freiwillig, wird nie angezeigt)",
  Comment: "Kommentar",
  "Join the discussion": "Diskutieren Sie mit",
  "Post Comment": "Kommentar senden",
  "Cancel reply": "Antwort verwerfen",
  "Replying to ": "Antwort an ",
  "Commenting as {name}": "Sie kommentieren als {name}",
  "Please enter your name (up to 50 characters).":
    "Bitte geben Sie Ihren Namen ein (höchstens 50 Zeichen).",
  "Please enter a valid email address, or none.":
    "Bitte geben Sie eine gültige E-Mail-Adresse ein – oder lassen Sie das Feld leer.",
  "Please write a comment first.": "Bitte schreiben Sie zuerst einen Kommentar.",
  "Your comment could not be posted. Please try again.":
    "Ihr Kommentar konnte nicht veröffentlicht werden. Bitte versuchen Sie es erneut.",
  Mention: "Erwähnen",
  "Your comment awaits moderation.": "Ihr Kommentar wird vor der Veröffentlichung geprüft.",
  "Your comment was posted.": "Ihr Kommentar ist veröffentlicht.",
  "Something went wrong. Please try again.":
    "Etwas ist schiefgegangen. Bitte versuchen Sie es erneut.",
  "You are posting quickly. Please try again in {seconds} seconds.":
    "Sie schreiben sehr schnell. Bitte versuchen Sie es in {seconds} s erneut.",
  "You are posting quickly. Please try again shortly.":
    "Sie schreiben sehr schnell. Bitte versuchen Sie es gleich noch einmal.",
  "The comment you replied to is no longer there.":
    "Der Kommentar, auf den Sie antworten, ist nicht mehr vorhanden.",
  "Your comment could not be sent. Check your connection and try again.":
    "Ihr Kommentar konnte nicht gesendet werden. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
  "Your sign-in has expired. Please reload the page and try again.":
    "Ihre Anmeldung ist abgelaufen. Bitte laden Sie die Seite neu und versuchen Sie es erneut.",
  "Email settings": "E-Mail-Einstellungen",
  "Email for replies (never shown)": "E-Mail für Antworten (wird nie angezeigt)",
  Delivery: "Zustellung",
  instant: "sofort",
  hourly: "stündlich",
  daily: "täglich",
  off: "aus",
  " Reply emails": " E-Mails bei Antworten",
  "Check your inbox: follow the link we sent to confirm.":
    "Bitte sehen Sie in Ihr Postfach: Bestätigen Sie über den Link, den wir Ihnen geschickt haben.",
  "Please enter a valid email address.": "Bitte geben Sie eine gültige E-Mail-Adresse ein.",
  "Could not save. Please try again.": "Speichern fehlgeschlagen. Bitte versuchen Sie es erneut.",
  "Your choice will apply once you post your first comment.":
    "Ihre Auswahl gilt, sobald Sie Ihren ersten Kommentar geschrieben haben.",
  "Notification choice saved.": "Benachrichtigungen gespeichert.",
  "Your choice could not be saved.": "Ihre Auswahl konnte nicht gespeichert werden.",
  "Notifications, {count} unread": {
    one: "Benachrichtigungen, {count} ungelesen",
    other: "Benachrichtigungen, {count} ungelesen",
  },
  "Your notifications": "Ihre Benachrichtigungen",
  "Mark all as read": "Alle als gelesen markieren",
  "{name} replied to you": "{name} hat Ihnen geantwortet",
  "Nothing yet. Replies to your comments will show here.":
    "Noch nichts da. Antworten auf Ihre Kommentare erscheinen hier.",
  "Post a comment to be told when someone replies.":
    "Schreiben Sie einen Kommentar, dann erfahren Sie hier, wenn jemand antwortet.",
  "Notifications could not be loaded.": "Benachrichtigungen konnten nicht geladen werden.",
  "Notifications could not be marked as read.":
    "Benachrichtigungen konnten nicht als gelesen markiert werden.",
  " replied to your comment": " hat auf Ihren Kommentar geantwortet",
  " mentioned you": " hat Sie erwähnt",
  " commented": " hat kommentiert",
  "On {title}": "Zu: {title}",
  "another article ({id})": "einem anderen Artikel ({id})",
  "That did not work. Please try again.": "Das hat nicht geklappt. Bitte versuchen Sie es erneut.",
  "Parley cannot be reached right now.": "Die Kommentare sind gerade nicht erreichbar.",
  "Parley did not answer in time.": "Die Kommentare haben nicht rechtzeitig geantwortet.",
  "Approved.": "Freigegeben.",
  "Rejected.": "Abgelehnt.",
  "Removed.": "Entfernt.",
  "The decision failed": "Die Entscheidung wurde nicht gespeichert",
  Live: "Live",
  "That token was refused": "Dieses Token wurde abgelehnt",
  "Load failed": "Laden fehlgeschlagen",
  "Reconnecting…": "Verbindung wird wiederhergestellt …",
  "Your token has expired: paste a new one":
    "Ihr Token ist abgelaufen: Bitte fügen Sie ein neues ein",
  "You are no longer a moderator": "Sie haben keine Moderationsrechte mehr",
  "Signed out": "Abgemeldet",
  "Reported {count} times": { one: "{count}-mal gemeldet", other: "{count}-mal gemeldet" },
  " on ": " zu ",
  " · a reply": " · eine Antwort",
  "Decide about {name}'s comment": "Über den Kommentar von {name} entscheiden",
  Approve: "Freigeben",
  Keep: "Behalten",
  Reject: "Ablehnen",
  Remove: "Entfernen",
  "Moderation queue": "Kommentar-Moderation",
  "Not signed in": "Nicht angemeldet",
  "Moderator token": "Moderations-Token",
  "Paste a single sign-on token with role moderator":
    "Fügen Sie ein Single-Sign-on-Token mit der Rolle „moderator“ ein",
  "Sign in": "Anmelden",
  "A host signs the token (see docs/sso.md). It stays in this tab only; it may also be passed as ":
    "Die Website signiert das Token (siehe docs/sso.md). Es bleibt nur in diesem Tab; Sie können es auch als ",
  ", which never reaches a server log.": " übergeben – so landet es nie in einem Server-Log.",
  Queue: "Warteschlange",
  Queues: "Warteschlangen",
  "Awaiting review": "Zu prüfen",
  Reported: "Gemeldet",
  "Sign out": "Abmelden",
  "Nothing waiting. New items appear here live.":
    "Nichts zu tun. Neue Einträge erscheinen hier live.",
} satisfies Messages;
