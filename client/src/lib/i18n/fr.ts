import { fr as agenda } from '../../features/agenda/messages';
import { fr as board } from '../../features/board/messages';
import { fr as polls } from '../../features/polls/messages';
import { fr as proposals } from '../../features/proposals/messages';
import { fr as records } from '../../features/records/messages';
import { fr as speakingQueue } from '../../features/speaking-queue/messages';
import { fr as wordClouds } from '../../features/word-clouds/messages';

/**
 * The French catalogue: the source of every visible text. Participant texts follow FALC
 * ("Facile à lire et à comprendre"): short sentences, one idea per line, familiar words.
 * `{name}` marks a parameter; keys ending in `_one` / `_other` are plural forms (see `tn`).
 * A line break (`\n`) is shown as one (the components use `white-space: pre-line`).
 */
export const fr = {
  'app.name': 'Croisée',
  'app.tagline': 'Ateliers participatifs, croisement des regards',
  'app.skip': 'Aller au contenu',
  'app.home': 'Croisée, accueil',
  'lang.label': 'Langue',
  'lang.fr': 'Français',
  'lang.en': 'English',

  'common.loading': 'Chargement…',
  'common.retry': 'Réessayer',
  'common.cancel': 'Annuler',
  'common.open': 'Ouvrir',
  'common.reload': 'Recharger la page',

  'copy.copy': 'Copier',
  'copy.copied': 'Copié !',
  'copy.failed': 'Copie impossible. Sélectionnez le lien à la main.',

  'state.draft': 'En préparation',
  'state.live': 'En cours',
  'state.closed': 'Terminé',

  'home.title': 'Rejoindre un atelier',
  'home.hint': 'Le code est affiché dans la salle.\nIl a 6 lettres ou chiffres.',
  'home.code_label': 'Code de l’atelier',
  'home.code_missing': 'Écrivez le code de l’atelier.',
  'home.enter': 'Entrer',
  'home.organiser_link': 'Espace d’organisation',

  'join.looking': 'Je cherche l’atelier…',
  'join.workshop': 'Atelier',
  'join.who': 'Qui êtes-vous ?',
  'join.who_help': 'Choisissez une réponse.\nCe choix sert seulement à compter.\nPersonne ne saura que c’est vous.',
  'join.undisclosed': 'Je préfère ne pas dire',
  'join.pseudonym_label': 'Votre prénom (pas obligatoire)',
  'join.pseudonym_help': 'Un prénom ou un surnom, si vous voulez.',
  'join.choose_first': 'Choisissez une réponse à « Qui êtes-vous ? ».',
  'join.enter': 'Entrer',
  'join.entering': 'J’entre…',
  'join.no_account': 'Pas de compte. Pas d’adresse e-mail.',
  'join.other_code': 'Taper un autre code',
  'join.token_lost': 'Votre place dans l’atelier n’est plus reconnue.\nVous pouvez entrer à nouveau.',

  'participant.inside': 'Vous êtes dans l’atelier « {title} ».',
  'participant.you_said': 'Vous avez dit : {standpoint}.',
  'participant.you_are': 'Votre prénom : {pseudonym}.',
  'participant.present_one': '{count} personne est là.',
  'participant.present_other': '{count} personnes sont là.',
  'participant.draft': 'L’atelier va bientôt commencer.',
  'participant.draft_help': 'Attendez un peu.\nCette page change toute seule.',
  'participant.activity': 'Maintenant',
  'participant.waiting': 'Pour l’instant, écoutez la personne qui anime.',
  'participant.waiting_help': 'Vous pouvez demander la parole ou écrire vos idées plus bas.\nCette page change toute seule.',
  'participant.closed': 'L’atelier est terminé. Merci !',
  'participant.closed_help': 'Vous pouvez fermer cette page.',
  'participant.connecting': 'Connexion à l’atelier…',

  'connection.lost': 'Connexion perdue, on se reconnecte…',
  'connection.lost_help': 'Vous n’avez rien à faire.',
  'connection.back': 'La connexion est revenue.',

  'announce.live': 'L’atelier commence.',
  'announce.closed': 'L’atelier est terminé.',

  'error.bad_code': 'Ce code n’est pas bon.\nUn code a 6 lettres ou chiffres.',
  'error.unknown_code': 'Aucun atelier n’a ce code.\nVérifiez le code, puis réessayez.',
  'error.workshop_closed': 'Cet atelier est terminé.',
  'error.rate_limited': 'Trop d’essais en peu de temps.\nAttendez une minute, puis réessayez.',
  'error.bad_request': 'Quelque chose n’est pas bien rempli.\nVérifiez, puis réessayez.',
  'error.payload_too_large': 'C’est trop long.',
  'error.unauthorized': 'Ce jeton n’est pas accepté.',
  'error.forbidden': 'Ce lien n’ouvre pas cet atelier.\nVérifiez que le lien est complet.',
  'error.not_found': 'Introuvable.',
  'error.workshop_not_live': 'L’atelier n’est pas encore ouvert.',
  'error.invalid_transition': 'Ce changement n’est pas possible maintenant.',
  'error.protocol_mismatch': 'Croisée a été mis à jour.\nRechargez la page.',
  'error.origin_not_allowed': 'Cette adresse n’est pas autorisée par le serveur.',
  'error.conflict': 'Un autre changement a eu lieu en même temps.\nRéessayez.',
  'error.timeout': 'Le serveur ne répond pas.\nRéessayez dans un instant.',
  'error.network': 'Pas de connexion au serveur.\nVérifiez internet, puis réessayez.',
  'error.internal': 'Un problème est arrivé.\nRéessayez dans un instant.',

  'organiser.title': 'Espace d’organisation',
  'organiser.token_title': 'Jeton d’organisation',
  'organiser.token_help': 'Le serveur affiche ce jeton à son premier démarrage. Il reste enregistré dans ce navigateur.',
  'organiser.token_label': 'Jeton',
  'organiser.token_submit': 'Entrer',
  'organiser.token_rejected': 'Ce jeton n’est pas accepté. Vérifiez-le ou demandez-le à la personne qui gère le serveur.',
  'organiser.sign_out': 'Oublier le jeton',
  'organiser.groups': 'Groupes de travail',
  'organiser.no_groups': 'Aucun groupe de travail pour l’instant.',
  'organiser.new_group': 'Nouveau groupe de travail',
  'organiser.group_name': 'Nom',
  'organiser.group_purpose': 'Objet (facultatif)',
  'organiser.create_group': 'Créer le groupe',
  'organiser.all_groups': 'Tous les groupes',
  'organiser.group_not_found': 'Ce groupe de travail n’existe pas.',
  'organiser.workshops': 'Ateliers',
  'organiser.no_workshops': 'Aucun atelier dans ce groupe pour l’instant.',
  'organiser.new_workshop': 'Nouvel atelier',
  'organiser.workshop_title': 'Titre',
  'organiser.workshop_date': 'Date',
  'organiser.standpoints_default': 'Regards proposés aux participant·es : la liste habituelle.',
  'organiser.create_workshop': 'Créer l’atelier',
  'organiser.join_code': 'Code pour rejoindre',
  'organiser.join_link': 'Lien pour rejoindre',
  'organiser.facilitator_link': 'Lien d’animation',
  'organiser.facilitator_help':
    'Ce lien donne la main sur l’atelier. Vous pouvez le partager avec une co-animatrice ou un co-animateur, jamais avec le public.',
  'organiser.projection_link': 'Lien de l’écran de projection',
  'organiser.projection_help': 'À ouvrir sur l’ordinateur relié au vidéoprojecteur ou partagé en visio.',
  'organiser.closed_notice': 'Cet atelier est terminé : son code ne sert plus. Ses résultats sont dans le registre du groupe.',
  'organiser.read_record': 'Lire le compte rendu',

  'facilitator.title': 'Console d’animation',
  'facilitator.state': 'État : {state}',
  'facilitator.controls': 'Déroulement de l’atelier',
  'facilitator.open': 'Ouvrir l’atelier',
  'facilitator.open_help': 'Les participant·es peuvent déjà entrer. Ouvrir l’atelier lance la séance.',
  'facilitator.close': 'Clore l’atelier',
  'facilitator.close_confirm':
    'Clore l’atelier ? Plus personne ne pourra entrer ni répondre. Un atelier clos ne se rouvre pas.',
  'facilitator.close_yes': 'Oui, clore l’atelier',
  'facilitator.closed': 'L’atelier est clos.',
  'facilitator.join': 'Pour rejoindre',
  'facilitator.sections': 'Sections de la console',
  'facilitator.attendance': 'Présence',
  'facilitator.activities': 'Activités',
  'facilitator.no_activities': 'Aucune activité n’est disponible pour cet atelier.',
  'facilitator.missing_secret':
    'Ce lien d’animation est incomplet. Reprenez le lien complet depuis l’espace d’organisation.',

  'attendance.present_one': '{count} présent',
  'attendance.present_other': '{count} présents',
  'attendance.including': '{total} dont {list}',
  'attendance.list_and': '{list} et {last}',
  'attendance.undisclosed': 'Sans précision',
  'attendance.others': 'Autres regards',
  'attendance.caption': 'Présence par regard',
  'attendance.col_standpoint': 'Regard',
  'attendance.col_present': 'Présents maintenant',
  'attendance.col_attended': 'Venus depuis le début (émargement)',
  'attendance.total': 'Total',

  'projection.title': 'Écran de projection',
  'projection.code': 'Code',
  'projection.join_at': 'Rejoignez l’atelier sur',
  'projection.draft': 'L’atelier va commencer',
  'projection.closed': 'Atelier terminé — merci !',
  'projection.missing_secret': 'Ce lien de projection est incomplet. Reprenez le lien complet depuis l’espace d’organisation.',

  'qr.alt': 'QR code pour rejoindre l’atelier, code {code}',

  'notfound.title': 'Page introuvable',
  'notfound.text': 'Cette adresse ne mène à aucune page de Croisée.',
  'notfound.home': 'Retour à l’accueil',
  ...speakingQueue,
  ...agenda,
  ...polls,
  ...wordClouds,
  ...records,
  ...board,
  ...proposals,
} as const;

/** A key of the catalogue. */
export type MessageKey = keyof typeof fr;

/** A catalogue for another language: exactly the same keys as the French one. */
export type Catalogue = { readonly [K in MessageKey]: string };
