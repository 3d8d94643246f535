"""Quotations and their speakers."""

from __future__ import annotations

from monitor.detect.pipeline import Findings


def quotes(findings: Findings) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in findings.quotes]


def test_speaker_named_after_the_quotation(detector):
    """«…», a déclaré X and «…», avait affirmé X give X."""
    text = ("« Nous ne reculerons devant aucune menace », a déclaré Sadio Camara lundi. "
            "«La souveraineté du pays n’est pas négociable», avait affirmé Abdoulaye Diop.")
    assert quotes(detector.detect(text)) == [
        ("Nous ne reculerons devant aucune menace", "sadio-camara"),
        ("La souveraineté du pays n’est pas négociable", "abdoulaye-diop"),
    ]


def test_speaker_named_before_a_colon(detector):
    """X a affirmé : «…» gives X, and the offsets index the quotation's words."""
    text = "À Moscou, Assimi Goïta a affirmé : « Le partenariat avec la Russie est stratégique. »"
    found = detector.detect(text)
    (quote,) = found.quotes
    assert (quote.text, quote.speaker) == ("Le partenariat avec la Russie est stratégique.", "assimi-goita")
    assert text[quote.start:quote.end] == quote.text


def test_selon_before_or_after(detector):
    """"Selon X, «…»" and "«…», selon X" give X."""
    text = ("Selon Abdoulaye Diop, « les discussions avancent très bien ». "
            "« Un accord sera signé avant la fin de l’année », selon Sadio Camara.")
    assert [speaker for _, speaker in quotes(detector.detect(text))] == ["abdoulaye-diop", "sadio-camara"]


def test_pronoun_refers_to_the_last_named_speaker(detector):
    """«…», a-t-il précisé goes to the speaker named for the quotation before."""
    text = ("« Les livraisons commenceront en mars », a déclaré Sadio Camara. Il a ensuite visité l’usine. "
            "« Nous formerons aussi des techniciens maliens », a-t-il précisé.")
    assert [speaker for _, speaker in quotes(detector.detect(text))] == ["sadio-camara", "sadio-camara"]


def test_pronoun_without_a_recent_named_speaker_stays_unknown(detector):
    """A pronoun far from any named speaker gives no speaker rather than a guess."""
    filler = "Le texte continue longuement sur d’autres sujets sans citer personne. " * 20
    text = ("« Les livraisons commenceront en mars », a déclaré Sadio Camara. " + filler +
            "« Nous formerons aussi des techniciens », a-t-il précisé.")
    assert [speaker for _, speaker in quotes(detector.detect(text))] == ["sadio-camara", None]


def test_role_resolves_to_the_person_named_just_before(detector):
    """«…», a conclu le ministre gives the person named just before; with nobody named, None."""
    named = ("Sadio Camara a visité la base de Gao. "
             "« La situation sécuritaire s’améliore nettement », a conclu le ministre.")
    unnamed = "Le texte a été adopté. « La situation sécuritaire s’améliore nettement », a conclu le ministre."
    assert quotes(detector.detect(named))[0][1] == "sadio-camara"
    assert quotes(detector.detect(unnamed))[0][1] is None


def test_other_quotation_marks(detector):
    """“…”, ‘‘…’’ and straight double quotes are quotations too."""
    text = ("“Nous voulons la paix dans tout le Sahel”, a dit Assimi Goïta. "
            "‘‘La guerre sera totale, l’ennemi le saura’’. "
            'Rosatom a annoncé : "La centrale sera construite en deux ans".')
    assert quotes(detector.detect(text)) == [
        ("Nous voulons la paix dans tout le Sahel", "assimi-goita"),
        ("La guerre sera totale, l’ennemi le saura", None),
        ("La centrale sera construite en deux ans", "rosatom"),
    ]


def test_continuing_sentence_keeps_its_speaker(detector):
    """X a salué «…», tout en remerciant Y «…»: both quotations are X's."""
    text = ("Abdoulaye Diop a salué une coopération qui « se déroule bien sur le terrain », "
            "tout en remerciant Moscou « pour son soutien constant ».")
    assert [speaker for _, speaker in quotes(detector.detect(text))] == ["abdoulaye-diop", "abdoulaye-diop"]


def test_short_or_scare_quotes_are_not_quotations(detector):
    """Quoted names and two-word phrases (« Black M », « sponsors étatiques ») are left out."""
    text = "Le rappeur « Black M » dénonce des « sponsors étatiques » et la « guerre »."
    assert detector.detect(text).quotes == ()


def test_places_do_not_speak(detector):
    """A place named before a quotation is not its speaker."""
    text = "La Russie a déclaré : « Nous soutiendrons nos partenaires du Sahel »."
    assert quotes(detector.detect(text)) == [("Nous soutiendrons nos partenaires du Sahel", None)]


def test_unclosed_quotation_mark_is_ignored(detector):
    """An opening « without its closing mark yields nothing and does not swallow the text."""
    text = "« Le début d’une citation jamais fermée. Puis « une vraie citation entière ici », a dit Sadio Camara."
    assert quotes(detector.detect(text)) == [("une vraie citation entière ici", "sadio-camara")]


def test_pronoun_refers_to_the_person_named_since_the_last_quotation(detector):
    """« …, avait-il déclaré » after a sentence naming Choguel Kokalla Maïga is his, not the previous speaker's."""
    text = ("« Nos peuples ont choisi la souveraineté », a déclaré Abdoulaye Diop. "
            "L’ancien Premier ministre Choguel Kokalla Maïga avait défendu la même ligne. "
            "« Personne ne nous dictera nos choix », avait-il déclaré à la tribune.")
    assert [q.speaker for q in detector.detect(text).quotes] == ["abdoulaye-diop", "choguel-maiga"]


def test_pronoun_without_earlier_speaker_takes_the_person_named_before(detector):
    """« …, a-t-il déclaré » as the first quotation goes to the minister named in the sentence before."""
    text = ("Le ministre Sadio Camara a réceptionné un lot de drones. "
            "« Ces appareils renforceront notre capacité de frappe », a-t-il déclaré.")
    assert [q.speaker for q in detector.detect(text).quotes] == ["sadio-camara"]


def test_role_with_an_indefinite_article_is_someone_unnamed(detector):
    """«…», a précisé un responsable brings in an unnamed speaker, not the person named before."""
    text = ("Sadio Camara a inspecté la base aérienne de Sévaré mardi matin. "
            "« Les pistes seront rouvertes dans une semaine », a précisé un responsable de la base. "
            "« Trois avions sont déjà revenus sur place », a ajouté une porte-parole.")
    assert [speaker for _, speaker in quotes(detector.detect(text))] == [None, None]


def test_opinion_verbs_before_the_quotation_name_the_speaker(detector):
    """X a jugé que «…» and X considère que «…» give X, as X a estimé que «…» does."""
    text = ("À Bamako, Abdoulaye Diop a pour sa part jugé que « la médiation régionale doit reprendre vite ». "
            "Sadio Camara considère que « les frontières du nord restent trop poreuses ».")
    assert [speaker for _, speaker in quotes(detector.detect(text))] == ["abdoulaye-diop", "sadio-camara"]



def test_an_adverb_between_the_pronoun_and_the_verb(detector):
    """«…», a-t-il toutefois ajouté refers back like «…», a-t-il ajouté."""
    text = ("Le Premier ministre Abdoulaye Maïga a dénoncé des mesures injustes. "
            "« Nous restons ouverts au dialogue avec nos voisins », a-t-il toutefois ajouté.")
    assert quotes(detector.detect(text)) == [("Nous restons ouverts au dialogue avec nos voisins", "abdoulaye-maiga")]


def test_an_honorific_after_the_verb_and_a_reflexive_verb(detector):
    """«…», a assuré M. Diop names Diop (the full stop of « M. » ends nothing); «…», s'est
    félicité le ministre is the person named before."""
    text = ("« Le Mali ne cédera à aucune pression extérieure », a assuré M. Diop devant la presse. "
            "Sadio Camara a inspecté la base de Sévaré. "
            "« C’est une victoire pour toute l’armée malienne », s’est félicité le ministre.")
    assert quotes(detector.detect(text)) == [
        ("Le Mali ne cédera à aucune pression extérieure", "abdoulaye-diop"),
        ("C’est une victoire pour toute l’armée malienne", "sadio-camara"),
    ]


def test_speaker_before_the_quotation_in_the_same_sentence(detector):
    """X accuse Alger de «…» gives X; after « Selon X, » the speaker is X even when the sentence
    names someone else before the quotation; a role there outranks an organisation named in passing."""
    text = ("Le ministre malien Abdoulaye Diop accuse Alger de « soutenir le terrorisme international ». "
            "Selon Sadio Camara, le tête-à-tête Goïta-Poutine relève « d’une étape décisive pour le pays ». "
            "Sadio Camara a ensuite visité Gao. Interrogé sur la présence de Rosatom au Mali, le ministre a renvoyé "
            "vers Bamako : "
            "« Ce sont les autorités maliennes qui choisissent leurs partenaires. »")
    assert quotes(detector.detect(text)) == [
        ("soutenir le terrorisme international", "abdoulaye-diop"),
        ("d’une étape décisive pour le pays", "sadio-camara"),
        ("Ce sont les autorités maliennes qui choisissent leurs partenaires.", "sadio-camara"),
    ]


def test_the_subject_of_the_sentence_and_the_minister_just_quoted(detector):
    """« Sadio Camara a remercié Poutine pour ce « … » » is Camara's, not Poutine's; the next
    «…», a conclu le ministre is still Camara's, nobody having been named since."""
    text = ("Sadio Camara a remercié Vladimir Poutine pour ce « partenariat stratégique exemplaire et sincère ». "
            "« Nous n’avons jamais été aussi bien équipés », a conclu le ministre.")
    assert [speaker for _, speaker in quotes(detector.detect(text))] == ["sadio-camara", "sadio-camara"]


def test_pour_x_names_x_and_an_indefinite_subject_is_unnamed(detector):
    """« Pour le ministre Abdoulaye Diop, présent, « … » » is Diop's; « Un diplomate estime
    qu’elle « … » » has no watchlist speaker, though Goïta was named before."""
    text = ("Assimi Goïta a salué « une étape décisive vers la sécurité collective ». "
            "Pour le ministre Abdoulaye Diop, présent à la cérémonie, « cette alliance n’est dirigée contre personne ». "
            "Un diplomate ouest-africain estime qu’elle « consacre la rupture avec la région ».")
    assert [speaker for _, speaker in quotes(detector.detect(text))] == ["assimi-goita", "abdoulaye-diop", None]


def test_an_unnamed_speaker_after_the_verb_is_nobody_on_the_watchlist(detector):
    """«…», affirme un ancien mineur, qui salue X: the miner speaks, not X."""
    text = ("Assimi Goïta a visité la mine. « Nos familles attendent toujours les salaires », affirme "
            "un ancien mineur de Sadiola, qui salue la décision d’Abdoulaye Diop.")
    assert quotes(detector.detect(text)) == [("Nos familles attendent toujours les salaires", None)]


def test_a_role_followed_by_a_name_off_the_watchlist_is_that_person(detector):
    """«…», a déclaré le ministre de la Défense, le général Salifou Mody: not the last person named."""
    text = ("Le général Assimi Goïta a reçu la délégation. « Nous voulons des partenaires sincères », "
            "a déclaré le ministre de la Défense, le général Salifou Mody.")
    assert quotes(detector.detect(text)) == [("Nous voulons des partenaires sincères", None)]


def test_a_pronoun_after_an_unnamed_subject_is_unnamed(detector):
    """"Une chercheuse … : «…», estime-t-elle" is the researcher, whoever was named before."""
    text = ("Assimi Goïta a présidé le sommet. Une chercheuse malienne n’y voit pas de hasard : "
            "« Ce sommet répond directement aux menaces », estime-t-elle.")
    assert quotes(detector.detect(text)) == [("Ce sommet répond directement aux menaces", None)]


def test_selon_an_unnamed_source_before_the_quotation(detector):
    """"…d'Abdoulaye Diop, selon une source sécuritaire qui redoute «…»": the source speaks."""
    text = ("Les partisans d’Abdoulaye Diop restent présents à Kidal, selon une source sécuritaire "
            "qui redoute « des embuscades sur les axes de ravitaillement ».")
    assert quotes(detector.detect(text)) == [("des embuscades sur les axes de ravitaillement", None)]


def test_someone_speaking_for_an_actor_is_not_the_actor(detector):
    """"le porte-parole de Macky Sall a appelé «…»" and "Un cadre de Rosatom dénonce «…»" are unnamed."""
    text = ("À Dakar, le porte-parole de Macky Sall s’est borné à appeler « toutes les parties au calme ». "
            "Un cadre de Rosatom, sous couvert d’anonymat, dénonce « une expropriation pure et simple ».")
    assert quotes(detector.detect(text)) == [
        ("toutes les parties au calme", None), ("une expropriation pure et simple", None)]


def test_a_name_off_the_watchlist_just_before_the_verb_is_the_speaker(detector):
    """"Le président de l'AES, le Bissau-Guinéen Umaro Embaló, a condamné «…»": not the AES."""
    text = ("Le président en exercice de l’AES, le Bissau-Guinéen Umaro Sissoco Embaló, a condamné "
            "« une nouvelle prise du pouvoir par la force ».")
    assert quotes(detector.detect(text)) == [("une nouvelle prise du pouvoir par la force", None)]


def test_selon_opening_a_new_sentence_belongs_to_the_next_quotation(detector):
    """"X a voulu rassurer : «….» Selon une source, «…»": the first is X's."""
    text = ("À Bamako, le général Sadio Camara a voulu rassurer : « Les engagements pris ne dépendent pas "
            "d’un homme. » Selon une source sécuritaire, « les livraisons se poursuivront comme prévu ».")
    assert quotes(detector.detect(text)) == [
        ("Les engagements pris ne dépendent pas d’un homme.", "sadio-camara"),
        ("les livraisons se poursuivront comme prévu", None)]


def test_a_speaker_off_the_watchlist_keeps_the_pronoun_that_follows(detector):
    """«…», a souligné Boussim. «…», a-t-il précisé: both are Boussim's, not the last watchlist speaker's."""
    text = ("« Les travaux commenceront dès l’an prochain », a déclaré Sadio Camara. "
            "« Nous manquons encore d’électricité partout », a souligné Boussim. "
            "« Nous formerons aussi nos propres ingénieurs », a-t-il précisé.")
    assert [speaker for _, speaker in quotes(detector.detect(text))] == ["sadio-camara", None, None]


def test_ce_dernier_is_the_person_named_last(detector):
    """"X s'est entretenu avec Y. «…», a assuré ce dernier" gives Y."""
    text = ("Abdoulaye Diop s’est entretenu avec Vladimir Poutine. « Vos amis peuvent compter sur nous », "
            "a assuré ce dernier à l’issue de la rencontre.")
    assert [speaker for _, speaker in quotes(detector.detect(text))] == ["vladimir-putin"]


def test_the_group_or_the_company_is_the_organisation_named_last(detector):
    """«…», a réagi le groupe dans un communiqué: the organisation named before, not a person."""
    text = ("Sadio Camara a retiré le permis à Rosatom. « Nous contesterons ce retrait devant les tribunaux », "
            "a réagi le groupe dans un communiqué.")
    assert [speaker for _, speaker in quotes(detector.detect(text))] == ["rosatom"]


def test_a_role_with_its_name_before_the_quotation_is_that_person(detector):
    """"le porte-parole des militaires, le colonel-major Amadou Abdramane, a dénoncé «…»" is not
    the last watchlist person named."""
    text = ("Assimi Goïta a réagi dans la soirée. Dans un message télévisé, le porte-parole des militaires, "
            "le colonel-major Amadou Abdramane, a dénoncé « un plan d’agression contre le pays ».")
    assert [speaker for _, speaker in quotes(detector.detect(text))] == [None]


def test_a_participle_after_the_quotation_keeps_the_subject_before_it(detector):
    """"X a dénoncé «…», évoquant des violations": X, not an unnamed "des"."""
    text = ("Le chef de la diplomatie, Abdoulaye Diop, a pour sa part dénoncé « l’usage disproportionné de la "
            "force », évoquant des violations répétées du droit international.")
    assert [speaker for _, speaker in quotes(detector.detect(text))] == ["abdoulaye-diop"]


def test_a_role_before_a_colon_without_a_reporting_verb(detector):
    """"Le chef de l'État a mis en cause le voisin : «…»" is the person named before, as with a verb."""
    text = ("Le président Macky Sall s’est rendu au chevet des blessés. Le chef de l’État a également mis en "
            "cause le voisin, sans le nommer : « La lutte contre le terrorisme ne se mène pas seul. »")
    assert [speaker for _, speaker in quotes(detector.detect(text))] == ["macky-sall"]


def test_an_office_the_article_gave_nobody_on_the_watchlist_is_an_unnamed_speaker(detector):
    """«…», a affirmé le ministre de l'Intérieur: that office names someone the article did not
    name, not Sadio Camara named before; an office the article gave a watchlist person is his."""
    text = ("Sadio Camara a présidé la cérémonie. « Nous faisons face à des actes organisés », a affirmé le "
            "ministre de l’Intérieur lors d’une conférence de presse.")
    assert [speaker for _, speaker in quotes(detector.detect(text))] == [None]
    text = ("Le ministre de la Défense, Sadio Camara, a reçu Assimi Goïta. « Les drones seront livrés en mars », "
            "a précisé le ministre de la Défense.")
    assert [speaker for _, speaker in quotes(detector.detect(text))] == ["sadio-camara"]


def test_the_organisation_as_the_subject_before_the_quotation(detector):
    """"Dans un communiqué, l'organisation «…»" is the organisation named before; a capitalised
    name (« le Mouvement patriotique … ») or someone of the group's (« son directeur ») is not."""
    text = ("L’Alliance des États du Sahel a dépêché une mission au Mali. Dans un communiqué, l’organisation "
            "« condamne fermement toute ingérence étrangère ».")
    assert [speaker for _, speaker in quotes(detector.detect(text))] == ["aes"]
    text = ("Rosatom a saisi l’arbitrage. Le groupe conteste la décision ; son directeur juridique dénonce "
            "« une spoliation pure et simple ».")
    assert [speaker for _, speaker in quotes(detector.detect(text))] == [None]


def test_an_organisation_speaks_through_its_spokesperson_and_its_communiques(detector):
    """«…», a déclaré un porte-parole de Rosatom / selon un communiqué de l'AES / Un porte-parole
    de Rosatom a salué «…»: the organisation; « son porte-parole, le colonel … » is not."""
    text = ("« Le chantier reprendra en mars », a déclaré un porte-parole de Rosatom. « Les trois pays "
            "restent solidaires face aux sanctions », selon un communiqué de l’Alliance des États du Sahel. "
            "Un porte-parole de Rosatom a salué « une étape historique pour la coopération ».")
    assert [speaker for _, speaker in quotes(detector.detect(text))] == ["rosatom", "aes", "rosatom"]
    text = ("Assimi Goïta a reçu la délégation de Rosatom. « Nous ne tenons pas au pouvoir, seulement à la "
            "stabilité », a ajouté son porte-parole, le colonel Ismaël Wagué.")
    assert [speaker for _, speaker in quotes(detector.detect(text))] == [None]


def test_a_role_of_an_organisation_held_by_someone_off_the_watchlist(detector):
    """«…», a déclaré le directeur général de Rosatom, Alexeï Likhatchev: a person the watchlist
    does not have speaks, not Rosatom."""
    text = ("« Le chantier reprendra en mars », a déclaré le directeur général de Rosatom, Alexeï Likhatchev, "
            "à la presse.")
    assert [speaker for _, speaker in quotes(detector.detect(text))] == [None]


def test_the_organisation_that_accuses_another_speaks(detector):
    """« L'AES accuse Rosatom d'avoir « … » »: the accuser, the subject of the sentence, speaks,
    not the organisation named last."""
    text = ("L’Alliance des États du Sahel accuse Rosatom d’avoir « retardé sans raison le chantier de la "
            "centrale ».")
    assert [speaker for _, speaker in quotes(detector.detect(text))] == ["aes"]


def test_a_pronoun_after_a_person_off_the_watchlist_is_his(detector):
    """After « le porte-parole du gouvernement, Amadou Coulibaly, a rejeté … », « … », a-t-il
    déclaré is Coulibaly's, not that of Sadio Camara named before him."""
    text = ("« Nous tiendrons nos positions », a déclaré Sadio Camara. Le porte-parole du gouvernement, "
            "Amadou Coulibaly, a rejeté ces accusations. « La Côte d’Ivoire n’a jamais servi de base arrière », "
            "a-t-il déclaré.")
    assert [speaker for _, speaker in quotes(detector.detect(text))] == ["sadio-camara", None]


def test_more_reporting_verbs_and_the_one_accused_does_not_speak(detector):
    """« Rosatom a confirmé « … » » and « L'AES exige « … » » give the subject; in « Les trois
    pays reprochent à l'AES d'être « … » » the AES is accused, and the speakers are unnamed;
    « Ils reprochent … « … » » (a plural pronoun) is nobody on the watchlist."""
    text = ("Rosatom a confirmé dans un communiqué « l’envoi d’une première équipe d’ingénieurs ». "
            "L’Alliance des États du Sahel exige « la libération sans condition des otages ». "
            "Les trois pays reprochent à l’Alliance des États du Sahel d’être « sous l’influence de puissances "
            "étrangères ». Sadio Camara est resté silencieux. Ils reprochent aussi au bloc « des sanctions "
            "illégales et inhumaines ».")
    assert [speaker for _, speaker in quotes(detector.detect(text))] == ["rosatom", "aes", None, None]


def test_ce_dernier_before_the_quotation_and_the_keeper_of_the_seals(detector):
    """« Ce dernier a rappelé : « … » » is the person named last, unless someone off the watchlist
    was named after him; « … », a insisté le garde des Sceaux is a role for the person just named."""
    text = ("Abdoulaye Diop a reçu Sadio Camara. Ce dernier a rappelé : « La coopération militaire continue "
            "avec nos partenaires. » Abdoulaye Diop a reçu son homologue, Mohamed Salem Ould Merzoug. Ce dernier "
            "a rappelé : « La Mauritanie parle avec tout le monde. » Le ministre de la Justice, Sadio Camara, a "
            "défendu la mesure. « Nul n’est au-dessus de la loi, ni les magistrats », a insisté le garde des Sceaux.")
    assert [speaker for _, speaker in quotes(detector.detect(text))] == ["sadio-camara", None, "sadio-camara"]


def test_an_organisation_s_document_and_its_spokesperson_by_what_it_is(detector):
    """« … », indique son communiqué and « … », a souligné une porte-parole de l'agence are the
    organisation's named before; « … », indique le communiqué (whose, the article does not say)
    is nobody's."""
    text = ("Rosatom a suspendu le chantier. « Les conditions de sécurité ne sont pas réunies », indique son "
            "communiqué. Rosatom a ensuite rappelé ses ingénieurs. « Le retour dépendra de la situation sur le "
            "terrain », a souligné une porte-parole de l’agence. Un couvre-feu a été décrété. « Ces mesures sont "
            "temporaires et proportionnées », indique le communiqué.")
    assert [speaker for _, speaker in quotes(detector.detect(text))] == ["rosatom", "rosatom", None]


def test_an_auxiliary_before_a_quoted_participle_and_a_headline_s_speaker(detector):
    """« L'AES a « condamné avec fermeté » … » is the AES's; « Abdoulaye Diop : l'accord « n'est pas
    mort » » in a headline is Diop's; a rubric (« AES : … ») says nothing of who speaks; « X a
    défendu « … » » and « X a répliqué « … » » report a quotation."""
    text = ("Abdoulaye Diop : l’accord « n’est plus du tout applicable »\n\n"
            "L’Alliance des États du Sahel a « condamné avec la plus grande fermeté » cette attaque. "
            "Sadio Camara a défendu « une coopération militaire assumée et transparente ».\n\n"
            "AES : à Niamey, « la confédération avance malgré tout », selon un diplomate.")
    assert [speaker for _, speaker in quotes(detector.detect(text))] == ["abdoulaye-diop", "aes", "sadio-camara",
                                                                        None]


def test_a_party_or_a_union_by_what_it_is(detector):
    """« … », affirme le parti dans un communiqué / dénonce le parti de Sadio Camara: the organisation
    named before, not the person the party belongs to; « Le parti de Sadio Camara regrette « … » »
    too; « … », a déclaré le groupe Rosatom names its speaker."""
    text = ("L’Alliance des États du Sahel a réuni ses cadres. « Nous irons jusqu’au bout de la transition », "
            "dénonce le parti de Sadio Camara dans un communiqué. Le parti de Sadio Camara regrette une décision "
            "qui « ferme définitivement la porte au dialogue ». « Le chantier reprendra dès que possible », a "
            "déclaré le groupe Rosatom.")
    assert [speaker for _, speaker in quotes(detector.detect(text))] == ["aes", "aes", "rosatom"]


def test_a_place_or_a_medium_after_the_verb_does_not_speak(detector):
    """« … », a écrit sur Rosatom l'ancien Premier ministre Choguel Kokalla Maïga: the medium
    written on is not the speaker."""
    text = "« Les accords ont été signés avec un État, pas avec un homme », a écrit sur Rosatom Choguel Kokalla Maïga."
    assert [speaker for _, speaker in quotes(detector.detect(text))] == ["choguel-maiga"]


def test_a_subject_right_before_its_quotation_and_more_roles(detector):
    """« Dans un communiqué, l'Alliance des États du Sahel « rejette catégoriquement … » »: the subject
    speaks (not « l'adhésion du Togo à l'AES « n'est pas exclue » »); « … », a réagi l'opposant is
    a role for the person named just before."""
    text = ("Dans un communiqué, l’Alliance des États du Sahel « rejette catégoriquement les allégations de "
            "Rosatom ». Les rumeurs sur l’adhésion du Togo à l’Alliance des États du Sahel « ne sont pas "
            "fondées du tout », selon un diplomate. Sadio Camara a été écarté. « C’est le pouvoir qui a choisi "
            "la répression », a réagi l’opposant.")
    assert [speaker for _, speaker in quotes(detector.detect(text))] == ["aes", None, "sadio-camara"]


def test_a_document_without_its_organisation_s_name_speaks_for_the_one_the_text_names():
    """« La CNPC salue … », indique un communiqué du groupe: the CNPC; « … », indique un
    communiqué, after a sentence that opens on the ministry: the ministry; « … », précise le
    communiqué final after a sentence about nobody listed: nobody."""
    from monitor.catalog import Actor, Watchlist
    from monitor.detect.pipeline import Detector
    detector = Detector(Watchlist(actors=(
        Actor(id="cnpc", name="China National Petroleum Corporation", type="organization", aliases=("CNPC",)),
        Actor(id="transport", name="Ministry of Transport", type="organization"),
    )))
    text = ("« La CNPC salue un accord qui consolide notre coopération », indique un communiqué du groupe.\n\n"
            "Le ministère des Transports a tenté de désamorcer la crise. « Des escortes systématiques sont à "
            "l’étude », indique un communiqué publié mercredi.\n\n"
            "Les chefs d’État se sont quittés tard. « Les mesures les plus lourdes sont levées », précise le "
            "communiqué final.")
    assert [speaker for _, speaker in quotes(detector.detect(text))] == ["cnpc", "transport", None]
