/**
 * Time zone abbreviations from the IANA tz database (public domain), as Go prints them with the "MST" layout
 * element: for each zone, the abbreviation used for each UTC offset in current rules. Zones whose abbreviations
 * are numeric in tzdata ("+04") are absent; they are formatted from the offset. Offsets themselves come from the
 * runtime's Intl data.
 *
 * Keys are "offsetSeconds=ABBR" lists; values are space-separated zone names.
 */
export const ZONE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  "-10800=ADT,-14400=AST":
    "America/Glace_Bay America/Goose_Bay America/Halifax America/Moncton America/Thule Atlantic/Bermuda Canada/Atlantic",
  "-12600=NST,-9000=NDT": "America/St_Johns Canada/Newfoundland",
  "-14400=AST":
    "America/Anguilla America/Antigua America/Aruba America/Barbados America/Blanc-Sablon America/Curacao America/Dominica America/Grenada America/Guadeloupe America/Kralendijk America/Lower_Princes America/Marigot America/Martinique America/Montserrat America/Port_of_Spain America/Puerto_Rico America/St_Barthelemy America/St_Kitts America/St_Lucia America/St_Thomas America/St_Vincent America/Tortola America/Virgin",
  "-14400=AST,-18000=EST": "America/Santo_Domingo",
  "-14400=CDT,-18000=CST": "America/Havana Cuba",
  "-14400=EDT,-18000=EST":
    "America/Detroit America/Fort_Wayne America/Grand_Turk America/Indiana/Indianapolis America/Indiana/Marengo America/Indiana/Vevay America/Indianapolis America/Kentucky/Louisville America/Louisville America/Montreal America/Nassau America/New_York America/Nipigon America/Port-au-Prince America/Thunder_Bay America/Toronto Canada/Eastern EST5EDT US/East-Indiana US/Eastern US/Michigan",
  "-14400=EDT,-18000=EST,-21600=CST":
    "America/Cancun America/Indiana/Petersburg America/Indiana/Vincennes America/Indiana/Winamac America/Iqaluit America/Kentucky/Monticello America/Pangnirtung",
  "-18000=CDT,-21600=CST":
    "America/Chicago America/Costa_Rica America/Guatemala America/Indiana/Knox America/Indiana/Tell_City America/Knox_IN America/Managua America/Matamoros America/Menominee America/Merida America/Mexico_City America/Monterrey America/Rainy_River America/Rankin_Inlet America/Resolute America/Tegucigalpa America/Winnipeg CST6CDT Canada/Central Mexico/General US/Central US/Indiana-Starke",
  "-18000=CDT,-21600=CST,-25200=MST":
    "America/Bahia_Banderas America/Chihuahua America/North_Dakota/Beulah America/North_Dakota/Center America/North_Dakota/New_Salem America/Ojinaga",
  "-18000=CDT,-21600=MDT,-25200=MST": "America/Ciudad_Juarez",
  "-18000=EST": "America/Atikokan America/Cayman America/Coral_Harbour America/Jamaica America/Panama EST Jamaica",
  "-18000=EST,-21600=MDT,-25200=MST": "America/Cambridge_Bay",
  "-21600=CST": "America/Belize America/El_Salvador America/Regina America/Swift_Current Canada/Saskatchewan",
  "-21600=MDT,-25200=MST":
    "America/Boise America/Denver America/Edmonton America/Hermosillo America/Inuvik America/Mazatlan America/Shiprock America/Yellowknife Canada/Mountain MST7MDT Mexico/BajaSur Navajo US/Mountain",
  "-25200=MST": "America/Creston America/Dawson_Creek America/Phoenix MST US/Arizona",
  "-25200=MST,-28800=PST": "America/Dawson America/Fort_Nelson America/Whitehorse Canada/Yukon",
  "-25200=PDT,-28800=PST":
    "America/Ensenada America/Los_Angeles America/Santa_Isabel America/Tijuana America/Vancouver Canada/Pacific Mexico/BajaNorte PST8PDT US/Pacific",
  "-28800=AKDT,-32400=AKST":
    "America/Anchorage America/Juneau America/Metlakatla America/Nome America/Sitka America/Yakutat US/Alaska",
  "-32400=HDT,-36000=HST": "America/Adak America/Atka US/Aleutian",
  "-36000=HST": "HST Pacific/Honolulu Pacific/Johnston US/Hawaii",
  "-39600=SST": "Pacific/Midway Pacific/Pago_Pago Pacific/Samoa US/Samoa",
  "0=GMT":
    "Africa/Abidjan Africa/Accra Africa/Bamako Africa/Banjul Africa/Bissau Africa/Conakry Africa/Dakar Africa/Freetown Africa/Lome Africa/Monrovia Africa/Nouakchott Africa/Ouagadougou Africa/Timbuktu America/Danmarkshavn Atlantic/Reykjavik Atlantic/St_Helena Etc/GMT Etc/GMT+0 Etc/GMT-0 Etc/GMT0 Etc/Greenwich GMT GMT+0 GMT-0 GMT0 Greenwich Iceland",
  "0=GMT,3600=BST": "Europe/Belfast Europe/Guernsey Europe/Isle_of_Man Europe/Jersey Europe/London GB GB-Eire",
  "0=GMT,3600=IST": "Eire Europe/Dublin",
  "0=GMT,3600=WAT": "Africa/Sao_Tome",
  "0=UTC": "Etc/UCT Etc/UTC Etc/Universal Etc/Zulu UCT UTC Universal Zulu",
  "0=WET,3600=WEST": "Atlantic/Canary Atlantic/Faeroe Atlantic/Faroe Atlantic/Madeira WET",
  "0=WET,3600=WEST,7200=CEST": "Europe/Lisbon Portugal",
  "10800=EAT":
    "Africa/Addis_Ababa Africa/Asmara Africa/Asmera Africa/Dar_es_Salaam Africa/Djibouti Africa/Kampala Africa/Mogadishu Africa/Nairobi Indian/Antananarivo Indian/Comoro Indian/Mayotte",
  "10800=EAT,7200=CAT": "Africa/Juba Africa/Khartoum",
  "10800=EEST,14400=MSD,7200=EET":
    "Europe/Chisinau Europe/Kiev Europe/Kyiv Europe/Tiraspol Europe/Uzhgorod Europe/Zaporozhye",
  "10800=EEST,3600=CET,7200=EET": "Europe/Vilnius",
  "10800=EEST,7200=EET":
    "Africa/Cairo Asia/Beirut Asia/Famagusta Asia/Gaza Asia/Hebron Asia/Nicosia EET Egypt Europe/Athens Europe/Bucharest Europe/Helsinki Europe/Mariehamn Europe/Nicosia Europe/Riga Europe/Sofia Europe/Tallinn",
  "10800=IDT,7200=IST": "Asia/Jerusalem Asia/Tel_Aviv Israel",
  "10800=MSK": "Europe/Volgograd",
  "10800=MSK,14400=MSK": "Europe/Kirov",
  "10800=MSK,14400=MSK,7200=EET": "Europe/Moscow Europe/Simferopol W-SU",
  "18000=PKT,21600=PKST": "Asia/Karachi",
  "19800=IST": "Asia/Calcutta Asia/Kolkata",
  "25200=WIB": "Asia/Jakarta Asia/Pontianak",
  "28800=AWST,32400=AWDT": "Australia/Perth Australia/West",
  "28800=CST": "Asia/Macao Asia/Macau Asia/Taipei ROC",
  "28800=CST,32400=CDT": "Asia/Chongqing Asia/Chungking Asia/Harbin Asia/Shanghai PRC",
  "28800=HKT": "Asia/Hong_Kong Hongkong",
  "28800=PST,32400=PDT": "Asia/Manila",
  "28800=WITA": "Asia/Makassar Asia/Ujung_Pandang",
  "30600=KST,32400=KST": "Asia/Pyongyang",
  "32400=JST": "Asia/Tokyo Japan",
  "32400=KST": "Asia/Seoul ROK",
  "32400=WIT": "Asia/Jayapura",
  "34200=ACST": "Australia/Darwin Australia/North",
  "34200=ACST,37800=ACDT": "Australia/Adelaide Australia/Broken_Hill Australia/South Australia/Yancowinna",
  "36000=AEST,39600=AEDT":
    "Antarctica/Macquarie Australia/ACT Australia/Brisbane Australia/Canberra Australia/Currie Australia/Hobart Australia/Lindeman Australia/Melbourne Australia/NSW Australia/Queensland Australia/Sydney Australia/Tasmania Australia/Victoria",
  "36000=ChST": "Pacific/Guam Pacific/Saipan",
  "3600=CET": "Africa/Algiers",
  "3600=CET,7200=CEST":
    "Africa/Ceuta Africa/Tunis Arctic/Longyearbyen Atlantic/Jan_Mayen CET Europe/Amsterdam Europe/Andorra Europe/Belgrade Europe/Berlin Europe/Bratislava Europe/Brussels Europe/Budapest Europe/Busingen Europe/Copenhagen Europe/Gibraltar Europe/Ljubljana Europe/Luxembourg Europe/Madrid Europe/Malta Europe/Monaco Europe/Oslo Europe/Paris Europe/Podgorica Europe/Prague Europe/Rome Europe/San_Marino Europe/Sarajevo Europe/Skopje Europe/Stockholm Europe/Tirane Europe/Vaduz Europe/Vatican Europe/Vienna Europe/Warsaw Europe/Zagreb Europe/Zurich Poland",
  "3600=CET,7200=EET": "Africa/Tripoli Libya",
  "3600=MET,7200=MEST": "MET",
  "3600=WAT":
    "Africa/Bangui Africa/Brazzaville Africa/Douala Africa/Kinshasa Africa/Lagos Africa/Libreville Africa/Luanda Africa/Malabo Africa/Ndjamena Africa/Niamey Africa/Porto-Novo",
  "3600=WAT,7200=CAT": "Africa/Windhoek",
  "3600=WEST": "Atlantic/Azores",
  "43200=NZST,46800=NZDT": "Antarctica/McMurdo Antarctica/South_Pole NZ Pacific/Auckland",
  "7200=CAT":
    "Africa/Blantyre Africa/Bujumbura Africa/Gaborone Africa/Harare Africa/Kigali Africa/Lubumbashi Africa/Lusaka Africa/Maputo",
  "7200=EET": "Asia/Amman Asia/Damascus Asia/Istanbul Europe/Istanbul Europe/Kaliningrad Europe/Minsk Turkey",
  "7200=SAST": "Africa/Johannesburg Africa/Maseru Africa/Mbabane",
};

let index: Map<string, Map<number, string>> | undefined;

/** The tzdata abbreviation of `zone` at `offset` seconds east of UTC, if it has an alphabetic one. */
export function zoneAbbreviation(zone: string, offset: number): string | undefined {
  if (!index) {
    index = new Map();
    for (const [key, zones] of Object.entries(ZONE_ABBREVIATIONS)) {
      const byOffset = new Map<number, string>();
      for (const pair of key.split(",")) {
        const [off = "0", abbr = ""] = pair.split("=");
        byOffset.set(Number(off), abbr);
      }
      for (const z of zones.split(" ")) index.set(z, byOffset);
    }
  }
  return index.get(zone)?.get(offset);
}
