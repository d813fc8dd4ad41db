-- Reference data that production needs too: the polo Àncora of Municipio VIII, the three
-- macro-areas and the ten services of the centre's own description, in Italian (authoritative)
-- and English.

insert into centre (slug, name, municipio, run_by, address, phone, email, summary) values (
    'ancora',
    'Polo territoriale per le famiglie "Àncora"',
    8,
    'Cooperativa sociale Obiettivo Uomo',
    'Municipio VIII, Roma',
    '',
    '',
    'Un luogo del Municipio VIII dove le famiglie trovano sostegno nel loro percorso di crescita educativa e relazionale. Accogliamo l''intero nucleo familiare, ne valorizziamo le risorse e ne promuoviamo l''autonomia, anche in un''ottica di prevenzione, e lavoriamo in rete con gli altri servizi del territorio.'
);

insert into centre_translation (centre_id, locale, name, summary)
select centre_id, 'en', 'Family centre "Àncora"',
    'A place in Rome''s Municipio VIII where families find support as they grow, in their children''s upbringing and in their relationships. We welcome the whole family, build on its strengths and help it stand on its own feet, preventing difficulties before they grow, together with the other local services.'
from centre where slug = 'ancora';

insert into macro_area (slug, position, name, summary) values
    ('genitorialita', 1, 'Sostegno alla genitorialità',
     'Gruppi, incontri e accompagnamento per chi cresce bambini e ragazzi.'),
    ('coppie-separazione', 2, 'Coppie conflittuali e/o in separazione',
     'Aiuto alle coppie in conflitto o che si separano, e ai loro figli.'),
    ('solidarieta-affido', 3, 'Solidarietà familiare e affido',
     'Famiglie che si aiutano tra loro: reti di solidarietà, attività insieme, affido.');

insert into macro_area_translation (macro_area_id, locale, name, summary)
select macro_area_id, 'en', t.name, t.summary
from macro_area
join (values
    ('genitorialita', 'Support for parents',
     'Groups, meetings and guidance for those who are raising children and teenagers.'),
    ('coppie-separazione', 'Couples in conflict or separating',
     'Help for couples in conflict or going through a separation, and for their children.'),
    ('solidarieta-affido', 'Family solidarity and foster care',
     'Families helping each other: support networks, activities together, foster care.')
) as t(slug, name, summary) using (slug);

insert into service (centre_id, macro_area_id, slug, position, format, audience, access,
                     age_min_years, age_max_years, name, summary, description)
select c.centre_id, m.macro_area_id, s.slug, s.position, s.format, s.audience, s.access,
       s.age_min, s.age_max, s.name, s.summary, s.description
from centre c
cross join (values
    ('genitorialita', 'gruppi-genitori', 1, 'session', 'adults', 'online', null::smallint, null::smallint,
     'Gruppi con i genitori',
     'Incontri di gruppo per confrontarsi sulle sfide di ogni giorno dell''essere genitori.',
     'Piccoli gruppi di madri e padri guidati da un''educatrice o una psicologa del Polo. Si parla di regole, emozioni, scuola, tempo libero, cambiamenti in famiglia: ciascuno porta la propria esperienza e porta a casa idee nuove. Si prenota un incontro alla volta; la partecipazione è gratuita.'),
    ('genitorialita', 'tutoraggio-domiciliare', 2, 'case_path', 'families', 'request', null, null,
     'Tutoraggio educativo domiciliare',
     'Un''educatrice o un educatore viene a casa per affiancare la famiglia in un periodo difficile.',
     'Un percorso concordato con la famiglia: l''educatore incontra genitori e figli a casa, con cadenza regolare, per sostenere l''organizzazione della giornata, il rapporto con la scuola e le relazioni in famiglia. Si chiede compilando una richiesta: una coordinatrice del Polo vi ricontatta per un primo colloquio.'),
    ('genitorialita', 'gruppi-bambini-adolescenti', 3, 'session', 'children', 'online', 6, 14,
     'Gruppi di bambini e/o adolescenti',
     'Laboratori e attività di gruppo per bambini e ragazzi, divisi per età.',
     'Gruppi di gioco, espressione e confronto per bambini e ragazzi, divisi per fasce d''età, condotti da educatori del Polo. Un genitore prenota il posto per il proprio figlio o la propria figlia; ogni gruppo indica l''età richiesta, che conta al giorno dell''incontro.'),
    ('coppie-separazione', 'mediazione-familiare', 1, 'case_path', 'adults', 'request', null, null,
     'Percorsi di mediazione familiare',
     'Un mediatore aiuta i genitori che si separano a trovare accordi nell''interesse dei figli.',
     'Una serie di incontri riservati con un mediatore familiare, a cui partecipano entrambi i genitori. Aiuta a ridurre il conflitto, a comunicare e a prendere insieme le decisioni che riguardano i figli. Si chiede con una richiesta; segue un primo colloquio informativo.'),
    ('coppie-separazione', 'spazio-neutro', 2, 'supervised_visit', 'families', 'referral', null, null,
     'Spazio Neutro',
     'Incontri protetti tra figli e genitore, alla presenza di un operatore.',
     'Un luogo neutro e protetto dove i bambini incontrano il genitore con cui non vivono, accompagnati da un operatore. Gli incontri sono disposti dai servizi sociali o dall''autorità giudiziaria; gli orari di arrivo e di uscita sono distinti per ciascun genitore e i dati di ognuno restano riservati.'),
    ('coppie-separazione', 'gruppi-parola', 3, 'cycle', 'children', 'online', 6, 12,
     'Gruppi di parola per bambini di genitori separati',
     'Un ciclo di incontri in cui i figli di genitori separati possono dire ciò che vivono.',
     'Un piccolo gruppo chiuso di bambini che vivono la separazione dei genitori: in pochi incontri, con un conduttore esperto, trovano parole per le proprie emozioni e scoprono di non essere soli. Ci si iscrive all''intero ciclo; all''ultimo incontro sono invitati anche i genitori.'),
    ('coppie-separazione', 'gruppi-genitori-separati', 4, 'cycle', 'adults', 'online', null, null,
     'Gruppi di genitori separati',
     'Un ciclo di incontri tra genitori che stanno vivendo una separazione.',
     'Un gruppo di genitori separati o in separazione che si incontra per un ciclo di serate: confronto, sostegno reciproco e strumenti per continuare a essere genitori insieme, anche quando non si è più coppia. Ci si iscrive all''intero ciclo.'),
    ('solidarieta-affido', 'solidarieta-familiare', 1, 'case_path', 'families', 'request', null, null,
     'Percorsi di solidarietà familiare',
     'Famiglie che si mettono a disposizione di altre famiglie, per un aiuto concreto.',
     'Il Polo mette in contatto famiglie disponibili e famiglie che hanno bisogno di un sostegno: un accompagnamento a scuola, un pomeriggio insieme, una presenza nei momenti difficili. Ogni percorso è seguito da un operatore. Si chiede con una richiesta, sia per offrire sia per ricevere aiuto.'),
    ('solidarieta-affido', 'attivita-famiglie', 2, 'session', 'families', 'online', null, null,
     'Attività culturali e di aggregazione tra famiglie',
     'Feste, laboratori e uscite aperti a tutta la famiglia.',
     'Occasioni per stare insieme e conoscere altre famiglie del quartiere: laboratori creativi, letture, feste, visite e uscite culturali. Si prenota indicando chi della famiglia partecipa, adulti e bambini.'),
    ('solidarieta-affido', 'affido-informale', 3, 'case_path', 'families', 'request', null, null,
     'Affido familiare informale',
     'Informazioni e accompagnamento per chi vuole accogliere o ha accolto un bambino.',
     'Il Polo informa e accompagna le famiglie che desiderano rendersi disponibili all''accoglienza di un bambino o di un ragazzo, e quelle che già lo accolgono in modo informale, ad esempio tra parenti. Si chiede con una richiesta; segue un colloquio con un operatore.')
) as s(area, slug, position, format, audience, access, age_min, age_max, name, summary, description)
join macro_area m on m.slug = s.area
where c.slug = 'ancora';

insert into service_translation (service_id, locale, name, summary, description)
select s.service_id, 'en', t.name, t.summary, t.description
from service s
join centre c using (centre_id)
join (values
    ('gruppi-genitori', 'Parent groups',
     'Group meetings to talk about the everyday challenges of being a parent.',
     'Small groups of mothers and fathers led by one of the centre''s educators or psychologists. We talk about rules, feelings, school, free time and changes in the family: everyone brings their own experience and takes home new ideas. You book one meeting at a time; taking part is free.'),
    ('tutoraggio-domiciliare', 'Educational home tutoring',
     'An educator visits your home to support the family through a difficult time.',
     'A path agreed with the family: the educator meets parents and children at home on a regular basis, to help with the organisation of the day, the relationship with school and the relationships within the family. You ask for it by filling in a request: one of the centre''s coordinators will contact you for a first meeting.'),
    ('gruppi-bambini-adolescenti', 'Groups for children and teenagers',
     'Workshops and group activities for children and teenagers, by age.',
     'Groups for play, self-expression and sharing for children and teenagers, divided by age and led by the centre''s educators. A parent books the seat for their child; each group shows the age it is for, counted on the day of the meeting.'),
    ('mediazione-familiare', 'Family mediation',
     'A mediator helps separating parents reach agreements in their children''s interest.',
     'A series of confidential meetings with a family mediator, attended by both parents. It helps to reduce conflict, to communicate and to take the decisions about the children together. You ask for it with a request; a first information meeting follows.'),
    ('spazio-neutro', 'Spazio Neutro (supervised visits)',
     'Protected meetings between children and a parent, with a professional present.',
     'A neutral, protected place where children meet the parent they do not live with, accompanied by a professional. Visits are ordered by social services or by a court; each parent has separate arrival and departure times, and each parent''s details stay confidential.'),
    ('gruppi-parola', 'Talking groups for children of separated parents',
     'A cycle of meetings where children of separated parents can say what they are going through.',
     'A small closed group of children living through their parents'' separation: over a few meetings, with an experienced facilitator, they find words for their feelings and discover they are not alone. You enrol for the whole cycle; parents are invited to the last meeting.'),
    ('gruppi-genitori-separati', 'Groups for separated parents',
     'A cycle of meetings for parents going through a separation.',
     'A group of separated or separating parents who meet for a cycle of evenings: sharing, mutual support and tools to keep parenting together even when no longer a couple. You enrol for the whole cycle.'),
    ('solidarieta-familiare', 'Family solidarity',
     'Families who offer practical help to other families.',
     'The centre puts families who can help in touch with families who need support: a walk to school, an afternoon together, someone there in hard times. Every path is followed by a professional. You ask with a request, both to offer and to receive help.'),
    ('attivita-famiglie', 'Cultural and social activities for families',
     'Parties, workshops and outings open to the whole family.',
     'Chances to spend time together and meet other families of the neighbourhood: creative workshops, story time, parties, visits and cultural outings. You book by saying who in the family is coming, adults and children.'),
    ('affido-informale', 'Informal foster care',
     'Information and guidance for those who wish to welcome, or have welcomed, a child.',
     'The centre informs and accompanies families who wish to offer a home to a child or a teenager, and those who already do so informally, for example among relatives. You ask with a request; a meeting with a professional follows.')
) as t(slug, name, summary, description) on t.slug = s.slug
where c.slug = 'ancora';
