// The hub's side of staff edits (DESIGN.md §5): receiving signed edits from
// kiosks exactly once, merging them field by field, holding them for review
// or conflict, and getting accepted ones out in releases.
//
// State lives in STORE/edits.db. "Current" for a merge is the latest
// release's database (STORE/work/N.db) with the accepted edits not yet in a
// release laid over it, in the order they were accepted.
//
// Merge rule per field, against the value the edit started from (old):
//   current == old  -> applied;   current == new -> no-op;
//   otherwise       -> conflict, kept with both values for an operator.
//
// Thread-safe: calls are serialised by a process-wide mutex and by SQLite
// transactions across processes.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "content/result.h"
#include "sync/outbox.h"
#include "sync/release_store.h"

namespace faro::sync {

struct FieldOutcome {
  std::string state;    // applied | noop | conflict | held | rejected | superseded
  std::string current;  // the hub's value when it conflicted
};

struct HubEdit {
  Edit edit;             // as the kiosk signed it
  std::string device;    // kiosk id that sent it
  std::string received;  // ISO 8601
  std::string state;     // held | accepted | conflict | rejected
  std::string reason;
  int64_t release = 0;       // the release that carries it (0: not yet)
  int64_t accepted_seq = 0;  // position in the acceptance order (0: not accepted)
  std::map<std::string, FieldOutcome> fields;
};

struct EditAnswer {
  std::string id, state, reason;
  int64_t release = 0;
};

class EditDesk {
 public:
  static Result<EditDesk> open(const std::string& store_dir);

  // One signed edit envelope from the device `device_id` (whose key and
  // centre the store registered). Idempotent by edit id: the same edit
  // again gets the first answer. Never throws; refusals are answers with
  // state "rejected" and a reason.
  EditAnswer receive(const std::string& envelope, const std::string& device_id, int64_t now);
  // The answer for an edit this device sent (NotFound if none).
  Result<EditAnswer> answer(const std::string& edit_id, const std::string& device_id);

  Result<std::vector<HubEdit>> list(const std::string& state_filter = "");
  Result<HubEdit> show(const std::string& edit_id);
  // An operator's decision on a held or conflicting edit. accept: every
  // field not yet applied takes the edit's value; reject: those fields are
  // dropped (the edit stays accepted if others were applied).
  Status accept(const std::string& edit_id, const std::string& by, int64_t now);
  Status reject(const std::string& edit_id, const std::string& by, const std::string& reason, int64_t now);

  // Per centre: "auto" (default) accepts edits to the centre's own
  // services at once; "review" holds them for an operator.
  Status set_policy(const std::string& centre, const std::string& mode);
  Result<std::string> policy(const std::string& centre);
  // A locked staff account's edits are refused (and its kiosks refuse its PIN).
  Status set_staff_locked(const std::string& centre, const std::string& staff, bool locked);
  // Staff accounts provisioned centrally, sent to the centre's kiosks with
  // each edit exchange. `pin_hash` is an Argon2id hash (hash_pin).
  Status set_staff(const std::string& centre, const std::string& id, const std::string& name,
                   const std::string& pin_hash);
  Status remove_staff(const std::string& centre, const std::string& id);
  Result<std::vector<HubStaff>> staff_of(const std::string& centre);

  // Lays every applied field of accepted edits over a built database,
  // field by field: where the built value is still the edit's old value the
  // edit's new value goes in; where it is already the new one nothing
  // changes; where the operator's source now says something else the
  // operator wins and the field is marked superseded. For `faro publish`.
  // `seen` receives the acceptance position up to which edits were laid over.
  Status amend(const std::string& db_path, int64_t* seen = nullptr);
  // After that release: the unreleased edits amend() saw get its number.
  Status mark_released(int64_t release, int64_t seen);

  // After a release made elsewhere (pushed by an operator): unreleased
  // edits whose applied fields `db_path` (its database) already has get
  // its number.
  Status mark_carried(int64_t release, const std::string& db_path);

  // A directory-only release with the accepted edits not yet released,
  // signed with the hub key. published=false when there is nothing new.
  Result<PublishResult> publish_directory(const std::string& hub_secret_key, const PublishOptions& opts);

  const std::string& store_dir() const { return store_dir_; }

 private:
  explicit EditDesk(std::string dir) : store_dir_(std::move(dir)) {}
  std::string store_dir_;
};

// The field-by-field overlay of amend() over any list of edits (for a
// remote publisher, which fetched them from the hub's API). Ids whose
// fields the source had changed since go to `superseded`.
Status amend_database(const std::string& db_path, std::vector<HubEdit>& edits, std::vector<std::string>* superseded);

// JSON forms used by the hub API and `faro edits`.
std::string edit_to_json(const HubEdit& e);
Result<HubEdit> edit_from_json(const std::string& json);

}  // namespace faro::sync
