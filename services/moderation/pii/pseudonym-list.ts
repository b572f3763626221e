/**
 * Pseudonyms handed out in this order (so the same story always gets the same ones): ordinary
 * Norwegian names and invented-sounding place names. redaction.ts skips any that already occur in
 * the story, so a pseudonym never collides with a real name in it.
 */
export const PSEUDONYM_GIVEN_NAMES: readonly string[] = (
  'Lina Jonas Tiril Eskil Maja Aksel Ronja Brage Selma Vetle Ylva Tobias Hedda Sindre Nora Even Frøya Mathias ' +
  'Ingrid Kasper Eira Sander Alma Filip Vilde Oskar Amanda Elias Sunniva Jakob Thale Noah Signe Isak Live Emil ' +
  'Mille Henrik Oda Magnus Hanna Ludvig Ella Vebjørn Iben Adrian Tuva Lukas Sofie Erlend Ida Håkon Mia Olav'
).split(' ');

export const PSEUDONYM_SURNAMES: readonly string[] = (
  'Berg Lunde Vik Strand Dahl Moen Holm Brekke Sæther Aune Myhre Tveit Foss Lien Bakke Solberg Eide Hauge Kvam Nygård'
).split(' ');

export const PSEUDONYM_PLACES: readonly string[] = (
  'Elvby Nordvik Fjellstad Skogli Strandvik Åsmyra Bekkeli Dalheim Havnevik Furulund Lyngmo Sjøvoll Granli Bråtheim'
).split(' ');
