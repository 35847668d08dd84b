//! Hand-written name lists for synthetic identities, per script. Each entry gives the name as
//! written natively, its ICAO Doc 9303 transliteration, and one other romanisation found in
//! real registers (BGN/PCGN for Cyrillic, BGN/PCGN 1962 for Greek, a phonetic transcription for
//! Arabic, the diacritics dropped for Latin). The romanisations are written out here, not
//! computed, so that they are ground truth independent of the matcher's tables.

/// (native, ICAO, other romanisation).
pub(crate) type Entry = (&'static str, &'static str, &'static str);

/// The lists of one script.
pub(crate) struct ScriptNames {
    pub male_first: &'static [Entry],
    pub female_first: &'static [Entry],
    pub male_surnames: &'static [Entry],
    pub female_surnames: &'static [Entry],
    pub places: &'static [Entry],
    pub nationalities: &'static [&'static str],
}

const LATIN_SURNAMES: &[Entry] = &[
    ("Müller", "MUELLER", "MULLER"),
    ("Schröder", "SCHROEDER", "SCHRODER"),
    ("Jørgensen", "JOERGENSEN", "JORGENSEN"),
    ("Åberg", "AABERG", "ABERG"),
    ("García", "GARCIA", "GARCIA"),
    ("Muñoz", "MUNOZ", "MUNOZ"),
    ("Dvořák", "DVORAK", "DVORAK"),
    ("Wałęsa", "WALESA", "WALESA"),
    ("Łukaszewicz", "LUKASZEWICZ", "LUKASZEWICZ"),
    ("Öztürk", "OEZTUERK", "OZTURK"),
    ("Çelik", "CELIK", "CELIK"),
    ("Šimić", "SIMIC", "SIMIC"),
    ("Lefèvre", "LEFEVRE", "LEFEVRE"),
    ("Håkansson", "HAAKANSSON", "HAKANSSON"),
    ("Schmidt", "SCHMIDT", "SCHMIDT"),
    ("Rossi", "ROSSI", "ROSSI"),
];

const LATIN: ScriptNames = ScriptNames {
    male_first: &[
        ("Jörg", "JOERG", "JORG"),
        ("Søren", "SOEREN", "SOREN"),
        ("José", "JOSE", "JOSE"),
        ("François", "FRANCOIS", "FRANCOIS"),
        ("Łukasz", "LUKASZ", "LUKASZ"),
        ("Çağrı", "CAGRI", "CAGRI"),
        ("Mátyás", "MATYAS", "MATYAS"),
        ("Jiří", "JIRI", "JIRI"),
        ("Björn", "BJOERN", "BJORN"),
        ("Thomas", "THOMAS", "THOMAS"),
    ],
    female_first: &[
        ("Zoë", "ZOE", "ZOE"),
        ("Chloé", "CHLOE", "CHLOE"),
        ("María", "MARIA", "MARIA"),
        ("Małgorzata", "MALGORZATA", "MALGORZATA"),
        ("Åsa", "AASA", "ASA"),
        ("Ingrid", "INGRID", "INGRID"),
        ("Renée", "RENEE", "RENEE"),
        ("Dóra", "DORA", "DORA"),
        ("Ayşe", "AYSE", "AYSE"),
        ("Jülide", "JUELIDE", "JULIDE"),
    ],
    male_surnames: LATIN_SURNAMES,
    female_surnames: LATIN_SURNAMES,
    places: &[
        ("München", "MUENCHEN", "MUNCHEN"),
        ("Kraków", "KRAKOW", "KRAKOW"),
        ("Göteborg", "GOETEBORG", "GOTEBORG"),
        ("Zürich", "ZUERICH", "ZURICH"),
        ("Málaga", "MALAGA", "MALAGA"),
        ("İzmir", "IZMIR", "IZMIR"),
        ("Brno", "BRNO", "BRNO"),
        ("Besançon", "BESANCON", "BESANCON"),
    ],
    nationalities: &["DEU", "AUT", "CHE", "DNK", "SWE", "ESP", "POL", "CZE", "TUR", "HRV", "FRA"],
};

const CYRILLIC: ScriptNames = ScriptNames {
    male_first: &[
        ("Юрий", "IURII", "YURIY"),
        ("Алексей", "ALEKSEI", "ALEKSEY"),
        ("Дмитрий", "DMITRII", "DMITRIY"),
        ("Сергей", "SERGEI", "SERGEY"),
        ("Андрей", "ANDREI", "ANDREY"),
        ("Николай", "NIKOLAI", "NIKOLAY"),
        ("Евгений", "EVGENII", "YEVGENIY"),
        ("Илья", "ILIA", "ILYA"),
        ("Фёдор", "FEDOR", "FYODOR"),
        ("Михаил", "MIKHAIL", "MIKHAIL"),
    ],
    female_first: &[
        ("Юлия", "IULIIA", "YULIYA"),
        ("Татьяна", "TATIANA", "TATYANA"),
        ("Наталья", "NATALIA", "NATALYA"),
        ("Ольга", "OLGA", "OLGA"),
        ("Елена", "ELENA", "YELENA"),
        ("Ксения", "KSENIIA", "KSENIYA"),
        ("Дарья", "DARIA", "DARYA"),
        ("Анастасия", "ANASTASIIA", "ANASTASIYA"),
    ],
    male_surnames: &[
        ("Иванов", "IVANOV", "IVANOV"),
        ("Щербаков", "SHCHERBAKOV", "SHCHERBAKOV"),
        ("Кузнецов", "KUZNETSOV", "KUZNETSOV"),
        ("Соловьёв", "SOLOVEV", "SOLOVYOV"),
        ("Жуков", "ZHUKOV", "ZHUKOV"),
        ("Яковлев", "IAKOVLEV", "YAKOVLEV"),
        ("Юдин", "IUDIN", "YUDIN"),
        ("Шевченко", "SHEVCHENKO", "SHEVCHENKO"),
        ("Ткаченко", "TKACHENKO", "TKACHENKO"),
        ("Коваленко", "KOVALENKO", "KOVALENKO"),
    ],
    female_surnames: &[
        ("Иванова", "IVANOVA", "IVANOVA"),
        ("Щербакова", "SHCHERBAKOVA", "SHCHERBAKOVA"),
        ("Кузнецова", "KUZNETSOVA", "KUZNETSOVA"),
        ("Соловьёва", "SOLOVEVA", "SOLOVYOVA"),
        ("Жукова", "ZHUKOVA", "ZHUKOVA"),
        ("Яковлева", "IAKOVLEVA", "YAKOVLEVA"),
        ("Юдина", "IUDINA", "YUDINA"),
        ("Шевченко", "SHEVCHENKO", "SHEVCHENKO"),
        ("Ткаченко", "TKACHENKO", "TKACHENKO"),
        ("Коваленко", "KOVALENKO", "KOVALENKO"),
    ],
    places: &[
        ("Москва", "MOSKVA", "MOSKVA"),
        ("Новосибирск", "NOVOSIBIRSK", "NOVOSIBIRSK"),
        ("Харьков", "KHARKOV", "KHARKOV"),
        ("Одесса", "ODESSA", "ODESSA"),
        ("Екатеринбург", "EKATERINBURG", "YEKATERINBURG"),
        ("Самара", "SAMARA", "SAMARA"),
    ],
    nationalities: &["RUS", "UKR", "BLR", "KAZ"],
};

const GREEK: ScriptNames = ScriptNames {
    male_first: &[
        ("Γεώργιος", "GEORGIOS", "YEORYIOS"),
        ("Δημήτριος", "DIMITRIOS", "DHIMITRIOS"),
        ("Κωνσταντίνος", "KONSTANTINOS", "KONSTANDINOS"),
        ("Χρήστος", "CHRISTOS", "KHRISTOS"),
        ("Νικόλαος", "NIKOLAOS", "NIKOLAOS"),
        ("Παναγιώτης", "PANAGIOTIS", "PANAYIOTIS"),
        ("Ευάγγελος", "EVANGELOS", "EVANGELOS"),
    ],
    female_first: &[
        ("Μαρία", "MARIA", "MARIA"),
        ("Ελένη", "ELENI", "ELENI"),
        ("Αικατερίνη", "AIKATERINI", "AIKATERINI"),
        ("Βασιλική", "VASILIKI", "VASILIKI"),
        ("Σοφία", "SOFIA", "SOFIA"),
        ("Γεωργία", "GEORGIA", "YEORYIA"),
        ("Δήμητρα", "DIMITRA", "DHIMITRA"),
    ],
    male_surnames: &[
        ("Παπαδόπουλος", "PAPADOPOULOS", "PAPADHOPOULOS"),
        ("Οικονόμου", "OIKONOMOU", "OIKONOMOU"),
        ("Γεωργίου", "GEORGIOU", "YEORYIOU"),
        ("Νικολάου", "NIKOLAOU", "NIKOLAOU"),
        ("Ιωάννου", "IOANNOU", "IOANNOU"),
        ("Παπαγεωργίου", "PAPAGEORGIOU", "PAPAYEORYIOU"),
        ("Βλάχος", "VLACHOS", "VLAKHOS"),
        ("Δημητρίου", "DIMITRIOU", "DHIMITRIOU"),
    ],
    female_surnames: &[
        ("Παπαδοπούλου", "PAPADOPOULOU", "PAPADHOPOULOU"),
        ("Οικονόμου", "OIKONOMOU", "OIKONOMOU"),
        ("Γεωργίου", "GEORGIOU", "YEORYIOU"),
        ("Νικολάου", "NIKOLAOU", "NIKOLAOU"),
        ("Ιωάννου", "IOANNOU", "IOANNOU"),
        ("Παπαγεωργίου", "PAPAGEORGIOU", "PAPAYEORYIOU"),
        ("Βλάχου", "VLACHOU", "VLAKHOU"),
        ("Δημητρίου", "DIMITRIOU", "DHIMITRIOU"),
    ],
    places: &[
        ("Αθήνα", "ATHINA", "ATHINA"),
        ("Θεσσαλονίκη", "THESSALONIKI", "THESSALONIKI"),
        ("Πάτρα", "PATRA", "PATRA"),
        ("Ηράκλειο", "IRAKLEIO", "IRAKLEIO"),
        ("Λάρισα", "LARISA", "LARISA"),
    ],
    nationalities: &["GRC", "CYP"],
};

const ARABIC_SURNAMES: &[Entry] = &[
    ("الحسن", "ALXHSN", "ALHASSAN"),
    ("الشريف", "ALXSHRYF", "ALSHARIF"),
    ("حداد", "XHDAD", "HADDAD"),
    ("عثمان", "EXTHMAN", "OTHMAN"),
    ("منصور", "MNXSSWR", "MANSOUR"),
    ("الخطيب", "ALXKHXTTYB", "ALKHATIB"),
    ("صالح", "XSSALXH", "SALEH"),
    ("ناصر", "NAXSSR", "NASSER"),
];

const ARABIC: ScriptNames = ScriptNames {
    male_first: &[
        ("محمد", "MXHMD", "MOHAMMED"),
        ("أحمد", "XAEXHMD", "AHMED"),
        ("خالد", "XKHALD", "KHALED"),
        ("يوسف", "YWSF", "YOUSSEF"),
        ("عمر", "EMR", "OMAR"),
        ("حسن", "XHSN", "HASSAN"),
        ("إبراهيم", "IBRAHYM", "IBRAHIM"),
        ("سعيد", "SEYD", "SAID"),
    ],
    female_first: &[
        ("فاطمة", "FAXTTMXAH", "FATIMA"),
        ("ياسمين", "YASMYN", "YASMIN"),
        ("مريم", "MRYM", "MARIAM"),
        ("زينب", "ZYNB", "ZAINAB"),
        ("خديجة", "XKHDYJXAH", "KHADIJA"),
        ("نور", "NWR", "NOUR"),
        ("سلمى", "SLMXAY", "SALMA"),
        ("سارة", "SARXAH", "SARA"),
    ],
    male_surnames: ARABIC_SURNAMES,
    female_surnames: ARABIC_SURNAMES,
    places: &[
        ("دمشق", "DMXSHQ", "DIMASHQ"),
        ("حلب", "XHLB", "HALAB"),
        ("بغداد", "BGDAD", "BAGHDAD"),
        ("القاهرة", "ALQAHRXAH", "ALQAHIRA"),
        ("عمان", "EMAN", "AMMAN"),
        ("الرباط", "ALRBAXTT", "ALRIBAT"),
    ],
    nationalities: &["SYR", "IRQ", "EGY", "JOR", "MAR", "DZA", "TUN", "LBY", "SAU"],
};

/// The lists of every script, in the order of [`super::identity::NameScript::ALL`].
pub(crate) const SCRIPTS: [&ScriptNames; 4] = [&LATIN, &CYRILLIC, &GREEK, &ARABIC];

/// Letters a typo may introduce, per script: chosen so that no transliteration scheme maps
/// them to the same Latin output as another letter (Cyrillic З and С are both S in German,
/// Greek Β and Φ collide with ΑΥ), so a typo is never a transliteration by accident.
pub(crate) const TYPO_LETTERS: [&[char]; 4] = [
    &['B', 'D', 'F', 'K', 'L', 'M', 'N', 'P', 'R', 'T'],
    &['Б', 'Д', 'К', 'Л', 'М', 'Н', 'П', 'Р', 'Т', 'Ф'],
    &['Κ', 'Λ', 'Μ', 'Ν', 'Π', 'Ρ', 'Τ'],
    &['ب', 'ت', 'د', 'ر', 'ز', 'س', 'ف', 'ق', 'ك', 'ل', 'م', 'ن'],
];
