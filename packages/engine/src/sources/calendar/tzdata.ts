/**
 * Time zone abbreviations and names from the IANA tz database 2025b, as Go's `time` package reads them. Generated
 * data (a throwaway Go program walked /usr/share/zoneinfo with `time.LoadLocation` and `Time.ZoneBounds`; see
 * `vectors/README.md`), not code. Offsets come from `Intl` at run time; this only answers the two things `Intl`
 * cannot: which names Go accepts, case-sensitively, and the abbreviation Go prints (`EDT`, `CEST`, `+0545`…).
 */

/** Version of the tz database the tables come from. */
export const tzdataVersion = "2025b";

/** Every name `time.LoadLocation` accepted, space separated. */
export const zoneNameList = `
Africa/Abidjan Africa/Accra Africa/Addis_Ababa Africa/Algiers Africa/Asmara Africa/Asmera Africa/Bamako
Africa/Bangui Africa/Banjul Africa/Bissau Africa/Blantyre Africa/Brazzaville Africa/Bujumbura Africa/Cairo
Africa/Casablanca Africa/Ceuta Africa/Conakry Africa/Dakar Africa/Dar_es_Salaam Africa/Djibouti Africa/Douala
Africa/El_Aaiun Africa/Freetown Africa/Gaborone Africa/Harare Africa/Johannesburg Africa/Juba Africa/Kampala
Africa/Khartoum Africa/Kigali Africa/Kinshasa Africa/Lagos Africa/Libreville Africa/Lome Africa/Luanda
Africa/Lubumbashi Africa/Lusaka Africa/Malabo Africa/Maputo Africa/Maseru Africa/Mbabane Africa/Mogadishu
Africa/Monrovia Africa/Nairobi Africa/Ndjamena Africa/Niamey Africa/Nouakchott Africa/Ouagadougou Africa/Porto-Novo
Africa/Sao_Tome Africa/Timbuktu Africa/Tripoli Africa/Tunis Africa/Windhoek America/Adak America/Anchorage
America/Anguilla America/Antigua America/Araguaina America/Argentina/Buenos_Aires America/Argentina/Catamarca
America/Argentina/ComodRivadavia America/Argentina/Cordoba America/Argentina/Jujuy America/Argentina/La_Rioja
America/Argentina/Mendoza America/Argentina/Rio_Gallegos America/Argentina/Salta America/Argentina/San_Juan
America/Argentina/San_Luis America/Argentina/Tucuman America/Argentina/Ushuaia America/Aruba America/Asuncion
America/Atikokan America/Atka America/Bahia America/Bahia_Banderas America/Barbados America/Belem America/Belize
America/Blanc-Sablon America/Boa_Vista America/Bogota America/Boise America/Buenos_Aires America/Cambridge_Bay
America/Campo_Grande America/Cancun America/Caracas America/Catamarca America/Cayenne America/Cayman America/Chicago
America/Chihuahua America/Ciudad_Juarez America/Coral_Harbour America/Cordoba America/Costa_Rica America/Coyhaique
America/Creston America/Cuiaba America/Curacao America/Danmarkshavn America/Dawson America/Dawson_Creek
America/Denver America/Detroit America/Dominica America/Edmonton America/Eirunepe America/El_Salvador
America/Ensenada America/Fort_Nelson America/Fort_Wayne America/Fortaleza America/Glace_Bay America/Godthab
America/Goose_Bay America/Grand_Turk America/Grenada America/Guadeloupe America/Guatemala America/Guayaquil
America/Guyana America/Halifax America/Havana America/Hermosillo America/Indiana/Indianapolis America/Indiana/Knox
America/Indiana/Marengo America/Indiana/Petersburg America/Indiana/Tell_City America/Indiana/Vevay
America/Indiana/Vincennes America/Indiana/Winamac America/Indianapolis America/Inuvik America/Iqaluit
America/Jamaica America/Jujuy America/Juneau America/Kentucky/Louisville America/Kentucky/Monticello America/Knox_IN
America/Kralendijk America/La_Paz America/Lima America/Los_Angeles America/Louisville America/Lower_Princes
America/Maceio America/Managua America/Manaus America/Marigot America/Martinique America/Matamoros America/Mazatlan
America/Mendoza America/Menominee America/Merida America/Metlakatla America/Mexico_City America/Miquelon
America/Moncton America/Monterrey America/Montevideo America/Montreal America/Montserrat America/Nassau
America/New_York America/Nipigon America/Nome America/Noronha America/North_Dakota/Beulah
America/North_Dakota/Center America/North_Dakota/New_Salem America/Nuuk America/Ojinaga America/Panama
America/Pangnirtung America/Paramaribo America/Phoenix America/Port-au-Prince America/Port_of_Spain
America/Porto_Acre America/Porto_Velho America/Puerto_Rico America/Punta_Arenas America/Rainy_River
America/Rankin_Inlet America/Recife America/Regina America/Resolute America/Rio_Branco America/Rosario
America/Santa_Isabel America/Santarem America/Santiago America/Santo_Domingo America/Sao_Paulo America/Scoresbysund
America/Shiprock America/Sitka America/St_Barthelemy America/St_Johns America/St_Kitts America/St_Lucia
America/St_Thomas America/St_Vincent America/Swift_Current America/Tegucigalpa America/Thule America/Thunder_Bay
America/Tijuana America/Toronto America/Tortola America/Vancouver America/Virgin America/Whitehorse America/Winnipeg
America/Yakutat America/Yellowknife Antarctica/Casey Antarctica/Davis Antarctica/DumontDUrville Antarctica/Macquarie
Antarctica/Mawson Antarctica/McMurdo Antarctica/Palmer Antarctica/Rothera Antarctica/South_Pole Antarctica/Syowa
Antarctica/Troll Antarctica/Vostok Arctic/Longyearbyen Asia/Aden Asia/Almaty Asia/Amman Asia/Anadyr Asia/Aqtau
Asia/Aqtobe Asia/Ashgabat Asia/Ashkhabad Asia/Atyrau Asia/Baghdad Asia/Bahrain Asia/Baku Asia/Bangkok Asia/Barnaul
Asia/Beirut Asia/Bishkek Asia/Brunei Asia/Calcutta Asia/Chita Asia/Choibalsan Asia/Chongqing Asia/Chungking
Asia/Colombo Asia/Dacca Asia/Damascus Asia/Dhaka Asia/Dili Asia/Dubai Asia/Dushanbe Asia/Famagusta Asia/Gaza
Asia/Harbin Asia/Hebron Asia/Ho_Chi_Minh Asia/Hong_Kong Asia/Hovd Asia/Irkutsk Asia/Istanbul Asia/Jakarta
Asia/Jayapura Asia/Jerusalem Asia/Kabul Asia/Kamchatka Asia/Karachi Asia/Kashgar Asia/Kathmandu Asia/Katmandu
Asia/Khandyga Asia/Kolkata Asia/Krasnoyarsk Asia/Kuala_Lumpur Asia/Kuching Asia/Kuwait Asia/Macao Asia/Macau
Asia/Magadan Asia/Makassar Asia/Manila Asia/Muscat Asia/Nicosia Asia/Novokuznetsk Asia/Novosibirsk Asia/Omsk
Asia/Oral Asia/Phnom_Penh Asia/Pontianak Asia/Pyongyang Asia/Qatar Asia/Qostanay Asia/Qyzylorda Asia/Rangoon
Asia/Riyadh Asia/Saigon Asia/Sakhalin Asia/Samarkand Asia/Seoul Asia/Shanghai Asia/Singapore Asia/Srednekolymsk
Asia/Taipei Asia/Tashkent Asia/Tbilisi Asia/Tehran Asia/Tel_Aviv Asia/Thimbu Asia/Thimphu Asia/Tokyo Asia/Tomsk
Asia/Ujung_Pandang Asia/Ulaanbaatar Asia/Ulan_Bator Asia/Urumqi Asia/Ust-Nera Asia/Vientiane Asia/Vladivostok
Asia/Yakutsk Asia/Yangon Asia/Yekaterinburg Asia/Yerevan Atlantic/Azores Atlantic/Bermuda Atlantic/Canary
Atlantic/Cape_Verde Atlantic/Faeroe Atlantic/Faroe Atlantic/Jan_Mayen Atlantic/Madeira Atlantic/Reykjavik
Atlantic/South_Georgia Atlantic/St_Helena Atlantic/Stanley Australia/ACT Australia/Adelaide Australia/Brisbane
Australia/Broken_Hill Australia/Canberra Australia/Currie Australia/Darwin Australia/Eucla Australia/Hobart
Australia/LHI Australia/Lindeman Australia/Lord_Howe Australia/Melbourne Australia/NSW Australia/North
Australia/Perth Australia/Queensland Australia/South Australia/Sydney Australia/Tasmania Australia/Victoria
Australia/West Australia/Yancowinna Brazil/Acre Brazil/DeNoronha Brazil/East Brazil/West CET CST6CDT Canada/Atlantic
Canada/Central Canada/Eastern Canada/Mountain Canada/Newfoundland Canada/Pacific Canada/Saskatchewan Canada/Yukon
Chile/Continental Chile/EasterIsland Cuba EET EST EST5EDT Egypt Eire Etc/GMT Etc/GMT+0 Etc/GMT+1 Etc/GMT+10
Etc/GMT+11 Etc/GMT+12 Etc/GMT+2 Etc/GMT+3 Etc/GMT+4 Etc/GMT+5 Etc/GMT+6 Etc/GMT+7 Etc/GMT+8 Etc/GMT+9 Etc/GMT-0
Etc/GMT-1 Etc/GMT-10 Etc/GMT-11 Etc/GMT-12 Etc/GMT-13 Etc/GMT-14 Etc/GMT-2 Etc/GMT-3 Etc/GMT-4 Etc/GMT-5 Etc/GMT-6
Etc/GMT-7 Etc/GMT-8 Etc/GMT-9 Etc/GMT0 Etc/Greenwich Etc/UCT Etc/UTC Etc/Universal Etc/Zulu Europe/Amsterdam
Europe/Andorra Europe/Astrakhan Europe/Athens Europe/Belfast Europe/Belgrade Europe/Berlin Europe/Bratislava
Europe/Brussels Europe/Bucharest Europe/Budapest Europe/Busingen Europe/Chisinau Europe/Copenhagen Europe/Dublin
Europe/Gibraltar Europe/Guernsey Europe/Helsinki Europe/Isle_of_Man Europe/Istanbul Europe/Jersey Europe/Kaliningrad
Europe/Kiev Europe/Kirov Europe/Kyiv Europe/Lisbon Europe/Ljubljana Europe/London Europe/Luxembourg Europe/Madrid
Europe/Malta Europe/Mariehamn Europe/Minsk Europe/Monaco Europe/Moscow Europe/Nicosia Europe/Oslo Europe/Paris
Europe/Podgorica Europe/Prague Europe/Riga Europe/Rome Europe/Samara Europe/San_Marino Europe/Sarajevo
Europe/Saratov Europe/Simferopol Europe/Skopje Europe/Sofia Europe/Stockholm Europe/Tallinn Europe/Tirane
Europe/Tiraspol Europe/Ulyanovsk Europe/Uzhgorod Europe/Vaduz Europe/Vatican Europe/Vienna Europe/Vilnius
Europe/Volgograd Europe/Warsaw Europe/Zagreb Europe/Zaporozhye Europe/Zurich GB GB-Eire GMT GMT+0 GMT-0 GMT0
Greenwich HST Hongkong Iceland Indian/Antananarivo Indian/Chagos Indian/Christmas Indian/Cocos Indian/Comoro
Indian/Kerguelen Indian/Mahe Indian/Maldives Indian/Mauritius Indian/Mayotte Indian/Reunion Iran Israel Jamaica
Japan Kwajalein Libya MET MST MST7MDT Mexico/BajaNorte Mexico/BajaSur Mexico/General NZ NZ-CHAT Navajo PRC PST8PDT
Pacific/Apia Pacific/Auckland Pacific/Bougainville Pacific/Chatham Pacific/Chuuk Pacific/Easter Pacific/Efate
Pacific/Enderbury Pacific/Fakaofo Pacific/Fiji Pacific/Funafuti Pacific/Galapagos Pacific/Gambier
Pacific/Guadalcanal Pacific/Guam Pacific/Honolulu Pacific/Johnston Pacific/Kanton Pacific/Kiritimati Pacific/Kosrae
Pacific/Kwajalein Pacific/Majuro Pacific/Marquesas Pacific/Midway Pacific/Nauru Pacific/Niue Pacific/Norfolk
Pacific/Noumea Pacific/Pago_Pago Pacific/Palau Pacific/Pitcairn Pacific/Pohnpei Pacific/Ponape Pacific/Port_Moresby
Pacific/Rarotonga Pacific/Saipan Pacific/Samoa Pacific/Tahiti Pacific/Tarawa Pacific/Tongatapu Pacific/Truk
Pacific/Wake Pacific/Wallis Pacific/Yap Poland Portugal ROC ROK Singapore Turkey UCT US/Alaska US/Aleutian
US/Arizona US/Central US/East-Indiana US/Eastern US/Hawaii US/Indiana-Starke US/Michigan US/Mountain US/Pacific
US/Samoa UTC Universal W-SU WET Zulu
`;

/**
 * One zone per line: `<zone>=<offset>/<abbreviation>/<from>/<to>,…`, offsets in seconds east of UTC, `from`/`to` the
 * first and last unix second (base 36) the pair was in use between 1970 and 2100. Zones whose abbreviations are all
 * numeric (`+04`, `-0330`) are left out: the abbreviation is then derived from the offset.
 */
export const abbreviationTable = `
Africa/Abidjan=0/GMT/0/1vuhmo0
Africa/Accra=0/GMT/0/1vuhmo0
Africa/Addis_Ababa=10800/EAT/0/1vuhmo0
Africa/Algiers=0/WET/0/5wuyo0,3600/WEST/oot80/5ni040,3600/CET/42lp80/1vuhmo0,7200/CEST/4aiyo0/4jw2s0
Africa/Asmara=10800/EAT/0/1vuhmo0
Africa/Asmera=10800/EAT/0/1vuhmo0
Africa/Bamako=0/GMT/0/1vuhmo0
Africa/Bangui=3600/WAT/0/1vuhmo0
Africa/Banjul=0/GMT/0/1vuhmo0
Africa/Bissau=-3600/-01/0/2lxk40,0/GMT/2lxk40/1vuhmo0
Africa/Blantyre=7200/CAT/0/1vuhmo0
Africa/Brazzaville=3600/WAT/0/1vuhmo0
Africa/Bujumbura=7200/CAT/0/1vuhmo0
Africa/Cairo=7200/EET/0/1vuhmo0,10800/EEST/66580/1vr8qc0
Africa/Ceuta=0/WET/0/7eveo0,3600/WEST/2c3s00/4hd6k0,3600/CET/7eveo0/1vuhmo0,7200/CEST/8h59g0/1vqzs40
Africa/Conakry=0/GMT/0/1vuhmo0
Africa/Dakar=0/GMT/0/1vuhmo0
Africa/Dar_es_Salaam=10800/EAT/0/1vuhmo0
Africa/Djibouti=10800/EAT/0/1vuhmo0
Africa/Douala=3600/WAT/0/1vuhmo0
Africa/Freetown=0/GMT/0/1vuhmo0
Africa/Gaborone=7200/CAT/0/1vuhmo0
Africa/Harare=7200/CAT/0/1vuhmo0
Africa/Johannesburg=7200/SAST/0/1vuhmo0
Africa/Juba=7200/CAT/0/1vuhmo0,10800/CAST/662g0/88ljo0,10800/EAT/fodfs0/qnth00
Africa/Kampala=10800/EAT/0/1vuhmo0
Africa/Khartoum=7200/CAT/0/1vuhmo0,10800/CAST/662g0/88ljo0,10800/EAT/fodfs0/oyph00
Africa/Kigali=7200/CAT/0/1vuhmo0
Africa/Kinshasa=3600/WAT/0/1vuhmo0
Africa/Lagos=3600/WAT/0/1vuhmo0
Africa/Libreville=3600/WAT/0/1vuhmo0
Africa/Lome=0/GMT/0/1vuhmo0
Africa/Luanda=3600/WAT/0/1vuhmo0
Africa/Lubumbashi=7200/CAT/0/1vuhmo0
Africa/Lusaka=7200/CAT/0/1vuhmo0
Africa/Malabo=3600/WAT/0/1vuhmo0
Africa/Maputo=7200/CAT/0/1vuhmo0
Africa/Maseru=7200/SAST/0/1vuhmo0
Africa/Mbabane=7200/SAST/0/1vuhmo0
Africa/Mogadishu=10800/EAT/0/1vuhmo0
Africa/Monrovia=-2670/MMT/0/11v0q6,0/GMT/11v0q6/1vuhmo0
Africa/Nairobi=10800/EAT/0/1vuhmo0
Africa/Ndjamena=3600/WAT/0/1vuhmo0,7200/WAST/53sl80/5bavs0
Africa/Niamey=3600/WAT/0/1vuhmo0
Africa/Nouakchott=0/GMT/0/1vuhmo0
Africa/Ouagadougou=0/GMT/0/1vuhmo0
Africa/Porto-Novo=3600/WAT/0/1vuhmo0
Africa/Sao_Tome=0/GMT/0/1vuhmo0,3600/WAT/p1uqs0/pkmo40
Africa/Timbuktu=0/GMT/0/1vuhmo0
Africa/Tripoli=7200/EET/0/1vuhmo0,3600/CET/69gig0/mkeao0,7200/CEST/6e3980/mv76o0
Africa/Tunis=3600/CET/0/1vuhmo0,7200/CEST/3tnh80/k9bms0
Africa/Windhoek=7200/SAST/0/ajtx40,7200/CAT/ajtx40/1vuhmo0,3600/WAT/cmzh40/ovois0
America/Adak=-39600/BST/0/6y2us0,-36000/BDT/5xys0/77ss00,-36000/AHST/77ss00/79e140,-36000/HST/79e140/1vuhmo0,-32400/HDT/7h5tc0/1vrdik0
America/Anchorage=-36000/AHST/0/6y2s00,-32400/AHDT/5xw00/77sp80,-32400/YST/77sp80/79dyc0,-32400/AKST/79dyc0/1vuhmo0,-28800/AKDT/7h5qk0/1vrdfs0
America/Anguilla=-14400/AST/0/1vuhmo0
America/Antigua=-14400/AST/0/1vuhmo0
America/Aruba=-14400/AST/0/1vuhmo0
America/Atikokan=-18000/EST/0/1vuhmo0
America/Atka=-39600/BST/0/6y2us0,-36000/BDT/5xys0/77ss00,-36000/AHST/77ss00/79e140,-36000/HST/79e140/1vuhmo0,-32400/HDT/7h5tc0/1vrdik0
America/Bahia_Banderas=-25200/MST/0/l0ch00,-21600/MDT/dphic0/ks28w0,-18000/CDT/l0ch00/rkk0s0,-21600/CST/lb57g0/1vuhmo0
America/Barbados=-14400/AST/0/1vuhmo0,-10800/ADT/3vvnc0/5lnn80
America/Belize=-21600/CST/0/1vuhmo0,-18000/CDT/21s0o0/6uer80
America/Blanc-Sablon=-14400/AST/0/1vuhmo0
America/Boise=-25200/MST/0/1vuhmo0,-21600/MDT/5xno0/1vrda80
America/Cambridge_Bay=-25200/MST/0/1vuhmo0,-21600/MDT/17qro0/1vrda80,-21600/CST/fkgjk0/gb3vo0,-18000/CDT/fsdq80/g36jg0,-18000/EST/g36jg0/g3jck0
America/Cancun=-21600/CST/0/nj3280,-18000/EST/696680/1vuhmo0,-18000/CDT/dphfk0/ne1i40,-14400/EDT/eqxi40/ex1so0
America/Cayman=-18000/EST/0/1vuhmo0
America/Chicago=-21600/CST/0/1vuhmo0,-18000/CDT/5xkw0/1vrd7g0
America/Chihuahua=-21600/CST/0/1vuhmo0,-18000/CDT/dphfk0/eincs0,-21600/MDT/eqxno0/rkk3k0,-25200/MST/f1di80/r9rac0
America/Ciudad_Juarez=-21600/CST/0/rm5co0,-18000/CDT/dphfk0/eincs0,-21600/MDT/eqxno0/1vrda80,-25200/MST/f1di80/1vuhmo0
America/Coral_Harbour=-18000/EST/0/1vuhmo0
America/Costa_Rica=-21600/CST/0/1vuhmo0,-18000/CDT/4rxco0/bl51w0
America/Creston=-25200/MST/0/1vuhmo0
America/Curacao=-14400/AST/0/1vuhmo0
America/Danmarkshavn=-10800/-03/0/dkhf00,-7200/-02/5ct4k0/dfdxg0,0/GMT/dkhf00/1vuhmo0
America/Dawson=-32400/YST/0/1ztvo0,-28800/PST/1ztvo0/q6vd40,-25200/PDT/5dweg0/qj3vg0,-25200/MST/qj3vg0/1vuhmo0
America/Dawson_Creek=-28800/PST/0/17qug0,-25200/PDT/5xqg0/1e0p00,-25200/MST/1e0p00/1vuhmo0
America/Denver=-25200/MST/0/1vuhmo0,-21600/MDT/5xno0/1vrda80
America/Detroit=-18000/EST/0/1vuhmo0,-14400/EDT/1qgos0/1vrd4o0
America/Dominica=-14400/AST/0/1vuhmo0
America/Edmonton=-25200/MST/0/1vuhmo0,-21600/MDT/17qro0/1vrda80
America/El_Salvador=-21600/CST/0/1vuhmo0,-18000/CDT/91ojc0/9ryr80
America/Ensenada=-28800/PST/0/1vuhmo0,-25200/PDT/3an540/1vrdd00
America/Fort_Nelson=-28800/PST/0/nkw140,-25200/PDT/5xqg0/neemc0,-25200/MST/nkw140/1vuhmo0
America/Fort_Wayne=-18000/EST/0/1vuhmo0,-14400/EDT/5xi40/1vrd4o0
America/Glace_Bay=-14400/AST/0/1vuhmo0,-10800/ADT/17qjc0/1vrd1w0
America/Goose_Bay=-14400/AST/0/1vuhmo0,-10800/ADT/5xfc0/1vrd1w0,-7200/ADDT/9iylto/9trc9o
America/Grand_Turk=-18000/EST/0/1vuhmo0,-14400/EDT/4v63g0/1vrd4o0,-14400/AST/nkvss0/p5ezg0
America/Grenada=-14400/AST/0/1vuhmo0
America/Guadeloupe=-14400/AST/0/1vuhmo0
America/Guatemala=-21600/CST/0/1vuhmo0,-18000/CDT/219i00/j6fxw0
America/Halifax=-14400/AST/0/1vuhmo0,-10800/ADT/5xfc0/1vrd1w0
America/Havana=-18000/CST/0/1vuhmo0,-14400/CDT/5xck0/1vrd1w0
America/Hermosillo=-25200/MST/0/1vuhmo0,-21600/MDT/dphic0/f1di80
America/Indiana/Indianapolis=-18000/EST/0/1vuhmo0,-14400/EDT/5xi40/1vrd4o0
America/Indiana/Knox=-21600/CST/0/1vuhmo0,-18000/CDT/5xkw0/1vrd7g0,-18000/EST/bdxy40/ix3240
America/Indiana/Marengo=-18000/EST/0/1vuhmo0,-14400/EDT/5xi40/1vrd4o0,-18000/CDT/23fcs0/2ijss0
America/Indiana/Petersburg=-21600/CST/0/jeqbk0,-18000/CDT/5xkw0/jqyzg0,-18000/EST/432zg0/1vuhmo0,-14400/EDT/jxgbg0/1vrd4o0
America/Indiana/Tell_City=-18000/EST/0/ix3240,-14400/EDT/5xi40/fago0,-18000/CDT/ix3240/1vrd7g0,-21600/CST/j7vy40/1vuhmo0
America/Indiana/Vevay=-18000/EST/0/1vuhmo0,-14400/EDT/5xi40/1vrd4o0
America/Indiana/Vincennes=-18000/EST/0/1vuhmo0,-14400/EDT/5xi40/1vrd4o0,-18000/CDT/ix3240/jqyzg0,-21600/CST/j7vy40/jeqbk0
America/Indiana/Winamac=-18000/EST/0/1vuhmo0,-14400/EDT/5xi40/1vrd4o0,-18000/CDT/ix3240/j7vy40,-21600/CST/j7vy40/jeqbk0
America/Indianapolis=-18000/EST/0/1vuhmo0,-14400/EDT/5xi40/1vrd4o0
America/Inuvik=-28800/PST/0/4v6bs0,-25200/PDT/17qug0/4lt7o0,-21600/MDT/4v6bs0/1vrda80,-25200/MST/54j7k0/1vuhmo0
America/Iqaluit=-18000/EST/0/1vuhmo0,-14400/EDT/17qm40/1vrd4o0,-21600/CST/fkge00/fsdq80,-18000/CDT/fsdq80/g36jg0
America/Jamaica=-18000/EST/0/1vuhmo0,-14400/EDT/23fcs0/77sbc0
America/Juneau=-28800/PST/0/6y2mg0,-25200/PDT/5xqg0/77sjo0,-28800/YDT/5dweg0/5n9fs0,-32400/YST/77sjo0/79dyc0,-32400/AKST/79dyc0/1vuhmo0,-28800/AKDT/7h5qk0/1vrdfs0
America/Kentucky/Louisville=-18000/EST/0/1vuhmo0,-14400/EDT/5xi40/1vrd4o0,-18000/CDT/23fcs0/2ijss0
America/Kentucky/Monticello=-21600/CST/0/fsdq80,-18000/CDT/5xkw0/g36jg0,-18000/EST/g36jg0/1vuhmo0,-14400/EDT/gb3q40/1vrd4o0
America/Knox_IN=-21600/CST/0/1vuhmo0,-18000/CDT/5xkw0/1vrd7g0,-18000/EST/bdxy40/ix3240
America/Kralendijk=-14400/AST/0/1vuhmo0
America/Los_Angeles=-28800/PST/0/1vuhmo0,-25200/PDT/5xqg0/1vrdd00
America/Louisville=-18000/EST/0/1vuhmo0,-14400/EDT/5xi40/1vrd4o0,-18000/CDT/23fcs0/2ijss0
America/Lower_Princes=-14400/AST/0/1vuhmo0
America/Managua=-21600/CST/0/1vuhmo0,-18000/EST/1qkbc0/e3bck0,-18000/CDT/4t08o0/j6g0o0
America/Marigot=-14400/AST/0/1vuhmo0
America/Martinique=-14400/AST/0/1vuhmo0,-10800/ADT/5ct1s0/5lt1o0
America/Matamoros=-21600/CST/0/1vuhmo0,-18000/CDT/9iyww0/1vrd7g0
America/Mazatlan=-25200/MST/0/1vuhmo0,-21600/MDT/dphic0/rkk3k0
America/Menominee=-18000/EST/0/1qgos0,-18000/CDT/1qgos0/1vrd7g0,-21600/CST/1ztq40/1vuhmo0
America/Merida=-21600/CST/0/1vuhmo0,-18000/EST/696680/6p60s0,-18000/CDT/dphfk0/rkk0s0
America/Metlakatla=-28800/PST/0/plmjs0,-25200/PDT/5xqg0/77sjo0,-32400/AKST/nx4rs0/1vuhmo0,-28800/AKDT/o3z580/1vrdfs0
America/Mexico_City=-21600/CST/0/1vuhmo0,-18000/CDT/dphfk0/rkk0s0
America/Miquelon=-14400/AST/0/5e3cg0,-10800/-03/5e3cg0/1vuhmo0,-7200/-02/908lw0/1vrcz40
America/Moncton=-14400/AST/0/1vuhmo0,-10800/ADT/5xfc0/1vrd1w0
America/Monterrey=-21600/CST/0/1vuhmo0,-18000/CDT/9iyww0/rkk0s0
America/Montreal=-18000/EST/0/1vuhmo0,-14400/EDT/5xi40/1vrd4o0
America/Montserrat=-14400/AST/0/1vuhmo0
America/Nassau=-18000/EST/0/1vuhmo0,-14400/EDT/5xi40/1vrd4o0
America/New_York=-18000/EST/0/1vuhmo0,-14400/EDT/5xi40/1vrd4o0
America/Nipigon=-18000/EST/0/1vuhmo0,-14400/EDT/5xi40/1vrd4o0
America/Nome=-39600/BST/0/6y2us0,-36000/BDT/5xys0/77ss00,-32400/YST/77ss00/79dyc0,-32400/AKST/79dyc0/1vuhmo0,-28800/AKDT/7h5qk0/1vrdfs0
America/North_Dakota/Beulah=-25200/MST/0/kz9l00,-21600/MDT/5xno0/lbi8w0,-21600/CST/lbi8w0/1vuhmo0,-18000/CDT/lhzkw0/1vrd7g0
America/North_Dakota/Center=-25200/MST/0/bm8900,-21600/MDT/5xno0/bwo3k0,-21600/CST/bwo3k0/1vuhmo0,-18000/CDT/c4y8w0/1vrd7g0
America/North_Dakota/New_Salem=-25200/MST/0/hcwzo0,-21600/MDT/5xno0/hncu80,-21600/CST/hncu80/1vuhmo0,-18000/CDT/hvmzk0/1vrd7g0
America/Ojinaga=-21600/CST/0/1vuhmo0,-18000/CDT/dphfk0/1vrd7g0,-21600/MDT/eqxno0/rkk3k0,-25200/MST/f1di80/r8oec0
America/Panama=-18000/EST/0/1vuhmo0
America/Pangnirtung=-18000/EST/0/1vuhmo0,-14400/EDT/17qm40/1vrd4o0,-21600/CST/fkge00/fsdq80,-18000/CDT/fsdq80/g36jg0
America/Phoenix=-25200/MST/0/1vuhmo0
America/Port-au-Prince=-18000/EST/0/1vuhmo0,-14400/EDT/6ys5w0/1vrd4o0
America/Port_of_Spain=-14400/AST/0/1vuhmo0
America/Puerto_Rico=-14400/AST/0/1vuhmo0
America/Rainy_River=-21600/CST/0/1vuhmo0,-18000/CDT/5xkw0/1vrd7g0
America/Rankin_Inlet=-21600/CST/0/1vuhmo0,-18000/CDT/17qow0/1vrd7g0,-18000/EST/g36jg0/gb3sw0
America/Regina=-21600/CST/0/1vuhmo0
America/Resolute=-21600/CST/0/1vuhmo0,-18000/CDT/17qow0/1vrd7g0,-18000/EST/g36jg0/jeqbk0
America/Santa_Isabel=-28800/PST/0/1vuhmo0,-25200/PDT/3an540/1vrdd00
America/Santo_Domingo=-16200/-0430/0/246xu0,-18000/EST/2msi0/g4za00,-14400/AST/2ijn80/1vuhmo0
America/Shiprock=-25200/MST/0/1vuhmo0,-21600/MDT/5xno0/1vrda80
America/Sitka=-28800/PST/0/6y2mg0,-25200/PDT/5xqg0/77sjo0,-32400/YST/77sjo0/79dyc0,-32400/AKST/79dyc0/1vuhmo0,-28800/AKDT/7h5qk0/1vrdfs0
America/St_Barthelemy=-14400/AST/0/1vuhmo0
America/St_Johns=-12600/NST/0/1vuhmo0,-9000/NDT/5xdy0/1vrd0i0,-5400/NDDT/9iykfo/9travo
America/St_Kitts=-14400/AST/0/1vuhmo0
America/St_Lucia=-14400/AST/0/1vuhmo0
America/St_Thomas=-14400/AST/0/1vuhmo0
America/St_Vincent=-14400/AST/0/1vuhmo0
America/Swift_Current=-25200/MST/0/17qro0,-21600/CST/17qro0/1vuhmo0
America/Tegucigalpa=-21600/CST/0/1vuhmo0,-18000/CDT/91ojc0/j3m380
America/Thule=-14400/AST/0/1vuhmo0,-10800/ADT/b34zc0/1vrd1w0
America/Thunder_Bay=-18000/EST/0/1vuhmo0,-14400/EDT/5xi40/1vrd4o0
America/Tijuana=-28800/PST/0/1vuhmo0,-25200/PDT/3an540/1vrdd00
America/Toronto=-18000/EST/0/1vuhmo0,-14400/EDT/5xi40/1vrd4o0
America/Tortola=-14400/AST/0/1vuhmo0
America/Vancouver=-28800/PST/0/1vuhmo0,-25200/PDT/5xqg0/1vrdd00
America/Virgin=-14400/AST/0/1vuhmo0
America/Whitehorse=-28800/PST/0/q6vd40,-25200/PDT/5dweg0/qj3vg0,-25200/MST/qj3vg0/1vuhmo0
America/Winnipeg=-21600/CST/0/1vuhmo0,-18000/CDT/5xkw0/1vrd7g0
America/Yakutat=-32400/YST/0/79dyc0,-28800/YDT/5xt80/77smg0,-32400/AKST/79dyc0/1vuhmo0,-28800/AKDT/7h5qk0/1vrdfs0
America/Yellowknife=-25200/MST/0/1vuhmo0,-21600/MDT/17qro0/1vrda80
Antarctica/Macquarie=39600/AEDT/0/1vuhmo0,36000/AEST/3dls0/1vpw740
Antarctica/McMurdo=43200/NZST/0/1vpj2w0,46800/NZDT/2ivg80/1vuhmo0
Antarctica/Rothera=0/-00/0/3lxs00,-10800/-03/3lxs00/1vuhmo0
Antarctica/South_Pole=43200/NZST/0/1vpj2w0,46800/NZDT/2ivg80/1vuhmo0
Antarctica/Troll=0/-00/0/ibruo0,0/+00/ibruo0/1vuhmo0,7200/+02/idzk40/1vqzs40
Antarctica/Vostok=25200/+07/0/s5trg0,0/-00/cki780/cykao0,18000/+05/s5trg0/1vuhmo0
Arctic/Longyearbyen=3600/CET/0/1vuhmo0,7200/CEST/5cstg0/1vqzs40
Asia/Amman=7200/EET/0/r7tx40,10800/EEST/1sed40/rkfmg0,10800/+03/rkfmg0/1vuhmo0
Asia/Beirut=7200/EET/0/1vuhmo0,10800/EEST/1ag2g0/1vqzh00
Asia/Calcutta=19800/IST/0/1vuhmo0
Asia/Chongqing=28800/CST/0/1vuhmo0,32400/CDT/8ixjc0/bbr380
Asia/Chungking=28800/CST/0/1vuhmo0,32400/CDT/8ixjc0/bbr380
Asia/Damascus=7200/EET/0/r99rs0,10800/EEST/66800/rkfjo0,10800/+03/rkfjo0/1vuhmo0
Asia/Famagusta=7200/EET/0/1vuhmo0,10800/EEST/2r67s0/1vqzs40,10800/+03/od5jo0/oyk840
Asia/Gaza=7200/IST/0/dkh140,10800/IDT/2crp40/deaqc0,7200/EET/dkh140/1vuhmo0,10800/EEST/dpcyg0/1vqxrw0
Asia/Harbin=28800/CST/0/1vuhmo0,32400/CDT/8ixjc0/bbr380
Asia/Hebron=7200/IST/0/dkh140,10800/IDT/2crp40/deaqc0,7200/EET/dkh140/1vuhmo0,10800/EEST/dpcyg0/1vqxrw0
Asia/Hong_Kong=28800/HKT/0/1vuhmo0,32400/HKST/5jni0/5457e0
Asia/Istanbul=7200/EET/0/o4oas0,10800/EEST/1s8vw0/od3p00,10800/+03/4fid00/1vuhmo0,14400/+04/733980/76bug0
Asia/Jakarta=25200/WIB/0/1vuhmo0
Asia/Jayapura=32400/WIT/0/1vuhmo0
Asia/Jerusalem=7200/IST/0/1vuhmo0,10800/IDT/2crp40/1vqzmk0
Asia/Karachi=18000/+05/0/n33g0,18000/PKT/n33g0/1vuhmo0,21600/PKST/gu5u40/kse4o0
Asia/Kolkata=19800/IST/0/1vuhmo0
Asia/Macao=28800/CST/0/1vuhmo0,32400/CDT/5jni0/5457e0
Asia/Macau=28800/CST/0/1vuhmo0,32400/CDT/5jni0/5457e0
Asia/Makassar=28800/WITA/0/1vuhmo0
Asia/Manila=28800/PST/0/1vuhmo0,32400/PDT/3rxts0/aqi4c0
Asia/Nicosia=7200/EET/0/1vuhmo0,10800/EEST/2r67s0/1vqzs40
Asia/Pontianak=28800/WITA/0/9e5gg0,25200/WIB/9e5gg0/1vuhmo0
Asia/Pyongyang=32400/KST/0/1vuhmo0,30600/KST/nt2v00/p87lo0
Asia/Seoul=32400/KST/0/1vuhmo0,36000/KDT/920hw0/9snr80
Asia/Shanghai=28800/CST/0/1vuhmo0,32400/CDT/8ixjc0/bbr380
Asia/Taipei=28800/CST/0/1vuhmo0,32400/CDT/27rls0/533wc0
Asia/Tel_Aviv=7200/IST/0/1vuhmo0,10800/IDT/2crp40/1vqzmk0
Asia/Tokyo=32400/JST/0/1vuhmo0
Asia/Ujung_Pandang=28800/WITA/0/1vuhmo0
Atlantic/Azores=-3600/-01/0/1vuhmo0,0/+00/6dw040/1vqzs40,0/WET/bzwaw0/c4kqs0,3600/WEST/c4kqs0/c8qqs0
Atlantic/Bermuda=-14400/AST/0/1vuhmo0,-10800/ADT/296oo0/1vrd1w0
Atlantic/Canary=0/WET/0/1vuhmo0,3600/WEST/5csqo0/1vqzs40
Atlantic/Faeroe=0/WET/0/1vuhmo0,3600/WEST/5v5xg0/1vqzs40
Atlantic/Faroe=0/WET/0/1vuhmo0,3600/WEST/5v5xg0/1vqzs40
Atlantic/Jan_Mayen=3600/CET/0/1vuhmo0,7200/CEST/5cstg0/1vqzs40
Atlantic/Madeira=0/WET/0/1vuhmo0,3600/WEST/6e8w00/1vqzs40
Atlantic/Reykjavik=0/GMT/0/1vuhmo0
Atlantic/St_Helena=0/GMT/0/1vuhmo0
Australia/ACT=36000/AEST/0/1vpw740,39600/AEDT/ycf40/1vuhmo0
Australia/Adelaide=34200/ACST/0/1vpw8i0,37800/ACDT/ycgi0/1vuhmo0
Australia/Brisbane=36000/AEST/0/1vuhmo0,39600/AEDT/ycf40/bke4g0
Australia/Broken_Hill=34200/ACST/0/1vpw8i0,37800/ACDT/ycgi0/1vuhmo0
Australia/Canberra=36000/AEST/0/1vpw740,39600/AEDT/ycf40/1vuhmo0
Australia/Currie=39600/AEDT/0/1vuhmo0,36000/AEST/3dls0/1vpw740
Australia/Darwin=34200/ACST/0/1vuhmo0
Australia/Hobart=39600/AEDT/0/1vuhmo0,36000/AEST/3dls0/1vpw740
Australia/LHI=36000/AEST/0/5tp880,37800/+1030/5tp880/1vpw5q0,41400/+1130/65y320/7wyiy0,39600/+11/897ce0/1vuhmo0
Australia/Lindeman=36000/AEST/0/1vuhmo0,39600/AEDT/ycf40/cm78g0
Australia/Lord_Howe=36000/AEST/0/5tp880,37800/+1030/5tp880/1vpw5q0,41400/+1130/65y320/7wyiy0,39600/+11/897ce0/1vuhmo0
Australia/Melbourne=36000/AEST/0/1vpw740,39600/AEDT/ycf40/1vuhmo0
Australia/NSW=36000/AEST/0/1vpw740,39600/AEDT/ycf40/1vuhmo0
Australia/North=34200/ACST/0/1vuhmo0
Australia/Perth=28800/AWST/0/1vuhmo0,32400/AWDT/2iiso0/kh8a00
Australia/Queensland=36000/AEST/0/1vuhmo0,39600/AEDT/ycf40/bke4g0
Australia/South=34200/ACST/0/1vpw8i0,37800/ACDT/ycgi0/1vuhmo0
Australia/Sydney=36000/AEST/0/1vpw740,39600/AEDT/ycf40/1vuhmo0
Australia/Tasmania=39600/AEDT/0/1vuhmo0,36000/AEST/3dls0/1vpw740
Australia/Victoria=36000/AEST/0/1vpw740,39600/AEDT/ycf40/1vuhmo0
Australia/West=28800/AWST/0/1vuhmo0,32400/AWDT/2iiso0/kh8a00
Australia/Yancowinna=34200/ACST/0/1vpw8i0,37800/ACDT/ycgi0/1vuhmo0
CET=3600/CET/0/1vuhmo0,7200/CEST/3s9ms0/1vqzs40
CST6CDT=-21600/CST/0/1vuhmo0,-18000/CDT/5xkw0/1vrd7g0
Canada/Atlantic=-14400/AST/0/1vuhmo0,-10800/ADT/5xfc0/1vrd1w0
Canada/Central=-21600/CST/0/1vuhmo0,-18000/CDT/5xkw0/1vrd7g0
Canada/Eastern=-18000/EST/0/1vuhmo0,-14400/EDT/5xi40/1vrd4o0
Canada/Mountain=-25200/MST/0/1vuhmo0,-21600/MDT/17qro0/1vrda80
Canada/Newfoundland=-12600/NST/0/1vuhmo0,-9000/NDT/5xdy0/1vrd0i0,-5400/NDDT/9iykfo/9travo
Canada/Pacific=-28800/PST/0/1vuhmo0,-25200/PDT/5xqg0/1vrdd00
Canada/Saskatchewan=-21600/CST/0/1vuhmo0
Canada/Yukon=-28800/PST/0/q6vd40,-25200/PDT/5dweg0/qj3vg0,-25200/MST/qj3vg0/1vuhmo0
Cuba=-18000/CST/0/1vuhmo0,-14400/CDT/5xck0/1vrd1w0
EET=7200/EET/0/1vuhmo0,10800/EEST/3s9ms0/1vqzs40
EST=-18000/EST/0/1vuhmo0
EST5EDT=-18000/EST/0/1vuhmo0,-14400/EDT/5xi40/1vrd4o0
Egypt=7200/EET/0/1vuhmo0,10800/EEST/66580/1vr8qc0
Eire=3600/IST/0/1vqzs40,0/GMT/yd6w0/1vuhmo0
Etc/GMT=0/GMT/0/1vuhmo0
Etc/GMT+0=0/GMT/0/1vuhmo0
Etc/GMT-0=0/GMT/0/1vuhmo0
Etc/GMT0=0/GMT/0/1vuhmo0
Etc/Greenwich=0/GMT/0/1vuhmo0
Etc/UCT=0/UTC/0/1vuhmo0
Etc/UTC=0/UTC/0/1vuhmo0
Etc/Universal=0/UTC/0/1vuhmo0
Etc/Zulu=0/UTC/0/1vuhmo0
Europe/Amsterdam=3600/CET/0/1vuhmo0,7200/CEST/3s9ms0/1vqzs40
Europe/Andorra=3600/CET/0/1vuhmo0,7200/CEST/7yf6s0/1vqzs40
Europe/Athens=7200/EET/0/1vuhmo0,10800/EEST/2r4d40/1vqzs40
Europe/Belfast=3600/BST/0/1vqzs40,0/GMT/yd6w0/1vuhmo0
Europe/Belgrade=3600/CET/0/1vuhmo0,7200/CEST/6wm2s0/1vqzs40
Europe/Berlin=3600/CET/0/1vuhmo0,7200/CEST/5cstg0/1vqzs40
Europe/Bratislava=3600/CET/0/1vuhmo0,7200/CEST/4tps40/1vqzs40
Europe/Brussels=3600/CET/0/1vuhmo0,7200/CEST/3s9ms0/1vqzs40
Europe/Bucharest=7200/EET/0/1vuhmo0,10800/EEST/4wl940/1vqzs40
Europe/Budapest=3600/CET/0/1vuhmo0,7200/CEST/5csnw0/1vqzs40
Europe/Busingen=3600/CET/0/1vuhmo0,7200/CEST/5v5xg0/1vqzs40
Europe/Chisinau=10800/MSK/0/ak1ek0,14400/MSD/5vb6c0/am73s0,10800/EEST/am73s0/1vqzpc0,7200/EET/atrhc0/1vuhmo0
Europe/Copenhagen=3600/CET/0/1vuhmo0,7200/CEST/5cstg0/1vqzs40
Europe/Dublin=3600/IST/0/1vqzs40,0/GMT/yd6w0/1vuhmo0
Europe/Gibraltar=3600/CET/0/1vuhmo0,7200/CEST/6dw040/1vqzs40
Europe/Guernsey=3600/BST/0/1vqzs40,0/GMT/yd6w0/1vuhmo0
Europe/Helsinki=7200/EET/0/1vuhmo0,10800/EEST/5v5uo0/1vqzs40
Europe/Isle_of_Man=3600/BST/0/1vqzs40,0/GMT/yd6w0/1vuhmo0
Europe/Istanbul=7200/EET/0/o4oas0,10800/EEST/1s8vw0/od3p00,10800/+03/4fid00/1vuhmo0,14400/+04/733980/76bug0
Europe/Jersey=3600/BST/0/1vqzs40,0/GMT/yd6w0/1vuhmo0
Europe/Kaliningrad=10800/MSK/0/a1bbw0,14400/MSD/5vb6c0/9ryak0,10800/EEST/a1bbw0/lb4o00,7200/EET/aaog00/1vuhmo0,10800/+03/liow00/ne0vw0
Europe/Kiev=10800/MSK/0/ak1ek0,14400/MSD/5vb6c0/ap2t40,10800/EEST/ap2t40/1vqzs40,7200/EET/bchk00/1vuhmo0
Europe/Kirov=14400/+04/0/blufs0,18000/+05/5vb3k0/9ry7s0,14400/MSD/a1b940/lb4l80,10800/MSK/aaod80/1vuhmo0,14400/MSK/liot80/ne0t40
Europe/Kyiv=10800/MSK/0/ak1ek0,14400/MSD/5vb6c0/ap2t40,10800/EEST/ap2t40/1vqzs40,7200/EET/bchk00/1vuhmo0
Europe/Lisbon=3600/CET/0/dp3xg0,0/WET/3ijk00/1vuhmo0,3600/WEST/3rwlc0/1vqzs40,7200/CEST/c4kqs0/dfdxg0
Europe/Ljubljana=3600/CET/0/1vuhmo0,7200/CEST/6wm2s0/1vqzs40
Europe/London=3600/BST/0/1vqzs40,0/GMT/yd6w0/1vuhmo0
Europe/Luxembourg=3600/CET/0/1vuhmo0,7200/CEST/3s9ms0/1vqzs40
Europe/Madrid=3600/CET/0/1vuhmo0,7200/CEST/28g540/1vqzs40
Europe/Malta=3600/CET/0/1vuhmo0,7200/CEST/7pp80/1vqzs40
Europe/Mariehamn=7200/EET/0/1vuhmo0,10800/EEST/5v5uo0/1vqzs40
Europe/Minsk=10800/MSK/0/b34fw0,14400/MSD/5vb6c0/aaod80,10800/EEST/b34fw0/lb4o00,7200/EET/bchk00/liow00,10800/+03/liow00/1vuhmo0
Europe/Monaco=3600/CET/0/1vuhmo0,7200/CEST/396io0/1vqzs40
Europe/Moscow=10800/MSK/0/1vuhmo0,14400/MSD/5vb6c0/lb4l80,10800/EEST/b34fw0/bchk00,7200/EET/bchk00/bi8yo0,14400/MSK/liot80/ne0t40
Europe/Nicosia=7200/EET/0/1vuhmo0,10800/EEST/2r67s0/1vqzs40
Europe/Oslo=3600/CET/0/1vuhmo0,7200/CEST/5cstg0/1vqzs40
Europe/Paris=3600/CET/0/1vuhmo0,7200/CEST/396io0/1vqzs40
Europe/Podgorica=3600/CET/0/1vuhmo0,7200/CEST/6wm2s0/1vqzs40
Europe/Prague=3600/CET/0/1vuhmo0,7200/CEST/4tps40/1vqzs40
Europe/Riga=10800/MSK/0/a1bbw0,14400/MSD/5vb6c0/9ryak0,10800/EEST/a1bbw0/1vqzs40,7200/EET/aaog00/1vuhmo0
Europe/Rome=3600/CET/0/1vuhmo0,7200/CEST/7pp80/1vqzs40
Europe/San_Marino=3600/CET/0/1vuhmo0,7200/CEST/7pp80/1vqzs40
Europe/Sarajevo=3600/CET/0/1vuhmo0,7200/CEST/6wm2s0/1vqzs40
Europe/Simferopol=10800/MSK/0/1vuhmo0,14400/MSD/5vb6c0/dzwqo0,7200/EET/ap2vw0/n382o0,10800/EEST/blulc0/mvays0,14400/MSK/n382o0/ne0t40
Europe/Skopje=3600/CET/0/1vuhmo0,7200/CEST/6wm2s0/1vqzs40
Europe/Sofia=7200/EET/0/1vuhmo0,10800/EEST/4tph00/1vqzs40
Europe/Stockholm=3600/CET/0/1vuhmo0,7200/CEST/5cstg0/1vqzs40
Europe/Tallinn=10800/MSK/0/a1bbw0,14400/MSD/5vb6c0/9ryak0,10800/EEST/a1bbw0/1vqzs40,7200/EET/aaog00/1vuhmo0
Europe/Tirane=3600/CET/0/1vuhmo0,7200/CEST/29h980/1vqzs40
Europe/Tiraspol=10800/MSK/0/ak1ek0,14400/MSD/5vb6c0/am73s0,10800/EEST/am73s0/1vqzpc0,7200/EET/atrhc0/1vuhmo0
Europe/Uzhgorod=10800/MSK/0/ak1ek0,14400/MSD/5vb6c0/ap2t40,10800/EEST/ap2t40/1vqzs40,7200/EET/bchk00/1vuhmo0
Europe/Vaduz=3600/CET/0/1vuhmo0,7200/CEST/5v5xg0/1vqzs40
Europe/Vatican=3600/CET/0/1vuhmo0,7200/CEST/7pp80/1vqzs40
Europe/Vienna=3600/CET/0/1vuhmo0,7200/CEST/5csnw0/1vqzs40
Europe/Vilnius=10800/MSK/0/a1bbw0,14400/MSD/5vb6c0/9ryak0,10800/EEST/a1bbw0/1vqzs40,7200/EET/aaog00/1vuhmo0,7200/CEST/eqk2s0/fkg040,3600/CET/f1cys0/f9a5g0
Europe/Volgograd=14400/+04/0/qlyvs0,18000/+05/5vb3k0/998540,14400/MSD/9il6g0/lb4l80,10800/MSK/9ryak0/1vuhmo0,14400/MSK/liot80/ne0t40
Europe/Warsaw=3600/CET/0/1vuhmo0,7200/CEST/3s9k00/1vqzs40
Europe/Zagreb=3600/CET/0/1vuhmo0,7200/CEST/6wm2s0/1vqzs40
Europe/Zaporozhye=10800/MSK/0/ak1ek0,14400/MSD/5vb6c0/ap2t40,10800/EEST/ap2t40/1vqzs40,7200/EET/bchk00/1vuhmo0
Europe/Zurich=3600/CET/0/1vuhmo0,7200/CEST/5v5xg0/1vqzs40
GB=3600/BST/0/1vqzs40,0/GMT/yd6w0/1vuhmo0
GB-Eire=3600/BST/0/1vqzs40,0/GMT/yd6w0/1vuhmo0
GMT=0/GMT/0/1vuhmo0
GMT+0=0/GMT/0/1vuhmo0
GMT-0=0/GMT/0/1vuhmo0
GMT0=0/GMT/0/1vuhmo0
Greenwich=0/GMT/0/1vuhmo0
HST=-36000/HST/0/1vuhmo0
Hongkong=28800/HKT/0/1vuhmo0,32400/HKST/5jni0/5457e0
Iceland=0/GMT/0/1vuhmo0
Indian/Antananarivo=10800/EAT/0/1vuhmo0
Indian/Comoro=10800/EAT/0/1vuhmo0
Indian/Mayotte=10800/EAT/0/1vuhmo0
Israel=7200/IST/0/1vuhmo0,10800/IDT/2crp40/1vqzmk0
Jamaica=-18000/EST/0/1vuhmo0,-14400/EDT/23fcs0/77sbc0
Japan=32400/JST/0/1vuhmo0
Libya=7200/EET/0/1vuhmo0,3600/CET/69gig0/mkeao0,7200/CEST/6e3980/mv76o0
MET=3600/MET/0/1vuhmo0,7200/MEST/3s9ms0/1vqzs40
MST=-25200/MST/0/1vuhmo0
MST7MDT=-25200/MST/0/1vuhmo0,-21600/MDT/5xno0/1vrda80
Mexico/BajaNorte=-28800/PST/0/1vuhmo0,-25200/PDT/3an540/1vrdd00
Mexico/BajaSur=-25200/MST/0/1vuhmo0,-21600/MDT/dphic0/rkk3k0
Mexico/General=-21600/CST/0/1vuhmo0,-18000/CDT/dphfk0/rkk0s0
NZ=43200/NZST/0/1vpj2w0,46800/NZDT/2ivg80/1vuhmo0
Navajo=-25200/MST/0/1vuhmo0,-21600/MDT/5xno0/1vrda80
PRC=28800/CST/0/1vuhmo0,32400/CDT/8ixjc0/bbr380
PST8PDT=-28800/PST/0/1vuhmo0,-25200/PDT/5xqg0/1vrdd00
Pacific/Auckland=43200/NZST/0/1vpj2w0,46800/NZDT/2ivg80/1vuhmo0
Pacific/Guam=36000/GST/0/g5z2w0,39600/GDT/5wcg0/3zt300,36000/ChST/g5z2w0/1vuhmo0
Pacific/Honolulu=-36000/HST/0/1vuhmo0
Pacific/Johnston=-36000/HST/0/1vuhmo0
Pacific/Midway=-39600/SST/0/1vuhmo0
Pacific/Pago_Pago=-39600/SST/0/1vuhmo0
Pacific/Saipan=36000/GST/0/g5z2w0,39600/GDT/5wcg0/3zt300,36000/ChST/g5z2w0/1vuhmo0
Pacific/Samoa=-39600/SST/0/1vuhmo0
Poland=3600/CET/0/1vuhmo0,7200/CEST/3s9k00/1vqzs40
Portugal=3600/CET/0/dp3xg0,0/WET/3ijk00/1vuhmo0,3600/WEST/3rwlc0/1vqzs40,7200/CEST/c4kqs0/dfdxg0
ROC=28800/CST/0/1vuhmo0,32400/CDT/27rls0/533wc0
ROK=32400/KST/0/1vuhmo0,36000/KDT/920hw0/9snr80
Turkey=7200/EET/0/o4oas0,10800/EEST/1s8vw0/od3p00,10800/+03/4fid00/1vuhmo0,14400/+04/733980/76bug0
UCT=0/UTC/0/1vuhmo0
US/Alaska=-36000/AHST/0/6y2s00,-32400/AHDT/5xw00/77sp80,-32400/YST/77sp80/79dyc0,-32400/AKST/79dyc0/1vuhmo0,-28800/AKDT/7h5qk0/1vrdfs0
US/Aleutian=-39600/BST/0/6y2us0,-36000/BDT/5xys0/77ss00,-36000/AHST/77ss00/79e140,-36000/HST/79e140/1vuhmo0,-32400/HDT/7h5tc0/1vrdik0
US/Arizona=-25200/MST/0/1vuhmo0
US/Central=-21600/CST/0/1vuhmo0,-18000/CDT/5xkw0/1vrd7g0
US/East-Indiana=-18000/EST/0/1vuhmo0,-14400/EDT/5xi40/1vrd4o0
US/Eastern=-18000/EST/0/1vuhmo0,-14400/EDT/5xi40/1vrd4o0
US/Hawaii=-36000/HST/0/1vuhmo0
US/Indiana-Starke=-21600/CST/0/1vuhmo0,-18000/CDT/5xkw0/1vrd7g0,-18000/EST/bdxy40/ix3240
US/Michigan=-18000/EST/0/1vuhmo0,-14400/EDT/1qgos0/1vrd4o0
US/Mountain=-25200/MST/0/1vuhmo0,-21600/MDT/5xno0/1vrda80
US/Pacific=-28800/PST/0/1vuhmo0,-25200/PDT/5xqg0/1vrdd00
US/Samoa=-39600/SST/0/1vuhmo0
UTC=0/UTC/0/1vuhmo0
Universal=0/UTC/0/1vuhmo0
W-SU=10800/MSK/0/1vuhmo0,14400/MSD/5vb6c0/lb4l80,10800/EEST/b34fw0/bchk00,7200/EET/bchk00/bi8yo0,14400/MSK/liot80/ne0t40
WET=0/WET/0/1vuhmo0,3600/WEST/3s9ms0/1vqzs40
Zulu=0/UTC/0/1vuhmo0
`;
