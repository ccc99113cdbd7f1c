// A directory service as a flat set of named fields: the unit of a staff
// edit, of the hub's field-by-field merge and of the kiosk's pending overlay
// (DESIGN.md §5).
//
// Field names and canonical values (a missing field reads as ""):
//   status          active | temporarily-closed | inactive
//   free            yes | no
//   organization    an organization id of the content
//   url, email      as authored
//   timezone        IANA name of the schedule
//   last_verified   YYYY-MM-DD
//   categories      category ids, sorted, space-separated
//   languages       spoken language tags, sorted, space-separated
//   phones          one "NUMBER TYPE" per line, in order ("+15550100 voice")
//   hours           one "D HH:MM-HH:MM" per line, D = 1 (Monday) .. 7, sorted
//   exceptions      dated exceptions to the hours, one per line, sorted:
//                   "YYYY-MM-DD closed" or "YYYY-MM-DD HH:MM-HH:MM"
//   address_1, city, region, postal_code, country
//   latitude, longitude   "%.6f", both or neither
//   TEXT@LANG       a translated text: name, description, fees, eligibility,
//                   documents, accessibility, status_note, schedule_note,
//                   location_name, directions (e.g. "name@ar")
//
// Functions take a Store and use its connection; they are as thread-safe as
// the Store (not at all).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "content/result.h"
#include "content/store.h"

namespace faro::content {

using ServiceRecord = std::map<std::string, std::string>;

// The translated text fields, without "@LANG".
const std::vector<std::string>& service_text_fields();
// The plain (untranslated) fields.
const std::vector<std::string>& service_plain_fields();

// Splits "name@ar" into {"name", "ar"}; {field, ""} for a plain field.
std::pair<std::string, std::string> split_field(const std::string& field);

// Every field of service `id` (NotFound if there is none).
Result<ServiceRecord> read_service_record(Store& store, const std::string& id);
// The centre of service `id` (NotFound if there is none).
Result<std::string> service_centre(Store& store, const std::string& id);

// Why `value` is not acceptable for `field`, or nullopt when it is. Checks
// what the authoring validator checks: E.164 phones, sane non-overlapping
// hours, known categories, organizations, languages and time zones, dates,
// coordinates, e-mail and web addresses, text length.
std::optional<std::string> check_service_field(Store& store, const std::string& field, const std::string& value);

// Writes `fields` into service `id` of a writable store, in one savepoint,
// and keeps the derived search and spatial index in step. Creates the
// service when it does not exist and `centre` is given (then `organization`
// and a name are required). Every field is checked first; the first bad one
// fails the whole write with "FIELD: reason" and changes nothing.
Status write_service_fields(Store& store, const std::string& id, const ServiceRecord& fields,
                            const std::string& centre = "");

}  // namespace faro::content
