// Staff edits on a kiosk (DESIGN.md §5): staff accounts with PINs, the
// durable edit outbox in kiosk.db, and the view database the kiosk shows.
//
// KIOSK/content.db stays byte-equal to the installed release. KIOSK/view.db
// is content.db with the live edits (pending, held, accepted but not yet
// released) applied; it is derived and can always be rebuilt from the two.
// A save commits the edit to kiosk.db first (synchronous=FULL: once save()
// returns, a power cut cannot lose it), then applies it to view.db; if the
// second step is lost, refresh_view() redoes it.
//
// Thread safety: an Outbox holds no connection between calls; several may be
// used from different threads and processes (SQLite locking serialises
// writers).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "content/result.h"
#include "content/service_record.h"
#include "sync/kiosk.h"

namespace faro::sync {

// --- Staff accounts -------------------------------------------------------------

struct PinCost {  // Argon2id cost (libsodium crypto_pwhash)
  unsigned long long ops;
  size_t mem;
};
PinCost interactive_pin_cost();  // crypto_pwhash_*_INTERACTIVE (default)
PinCost minimum_pin_cost();      // crypto_pwhash_*_MIN (tests only)

struct StaffAccount {
  std::string id;
  std::string name;
  int failures = 0;              // wrong PINs in a row
  int64_t locked_until = 0;      // unix seconds; 0 = not locked
  bool from_hub = false;         // provisioned centrally (faro staff add --hub), else on this kiosk
  bool operator_locked = false;  // an operator locked the account on the hub
};

// A staff account as the hub sends it to its centre's kiosks: the Argon2id
// hash only, never the PIN.
struct HubStaff {
  std::string id, name, pin_hash;
  bool locked = false;
};
// Hashes a PIN for the hub (the operator's machine does this; the hub never
// sees a PIN). Fails on a PIN that is not 4 to 12 digits.
Result<std::string> hash_pin(const std::string& pin, PinCost cost);
// Makes the kiosk's hub-provisioned accounts exactly `accounts` (local ones
// stay); wrong-PIN counts of accounts that stay are kept.
Status apply_hub_staff(KioskDir& kiosk, const std::vector<HubStaff>& accounts);

// PINs are 4 to 12 digits. Only an Argon2id hash is stored.
Status add_staff(KioskDir& kiosk, const std::string& id, const std::string& name, const std::string& pin,
                 PinCost cost = interactive_pin_cost());
Status remove_staff(KioskDir& kiosk, const std::string& id);
Result<std::vector<StaffAccount>> list_staff(KioskDir& kiosk);

struct LoginResult {
  bool ok = false;
  int64_t retry_at = 0;  // when locked: the earliest time to try again
  int failures = 0;
  std::string message;  // for the staff screen
};
// Checks `pin` for staff `id` at `now`. After 5 wrong PINs in a row the
// account locks for 30 s, doubling with each further wrong PIN (at most
// 1 hour); a PIN entered while locked is not even checked. The count is
// stored, so restarting the kiosk does not reset it.
Result<LoginResult> staff_login(KioskDir& kiosk, const std::string& id, const std::string& pin, int64_t now);

// --- Edits ------------------------------------------------------------------------

enum class EditState {
  Pending,   // saved on the kiosk, not yet acknowledged by the hub
  Held,      // the hub holds it for an operator's review
  Accepted,  // merged on the hub; waits for the release that carries it
  Conflict,  // someone else changed a field since; an operator decides
  Rejected,  // refused by the hub (the reason says why)
};
const char* to_string(EditState);
std::optional<EditState> parse_edit_state(std::string_view);

struct FieldChange {
  std::string old_value;  // what the staff member saw
  std::string new_value;
  bool operator==(const FieldChange&) const = default;
};

struct Edit {
  std::string id;  // idempotency key (32 hex digits)
  int64_t seq = 0;
  std::string kiosk_id, centre, staff, service;
  bool creates = false;  // a new service
  int64_t base_release = 0;
  std::string created;  // ISO 8601 UTC
  std::map<std::string, FieldChange> fields;
  EditState state = EditState::Pending;
  std::string reason;    // from the hub, for Rejected / Conflict / Held
  int64_t release = 0;   // the release that carries it (Accepted), 0 if not yet known
  std::string envelope;  // the signed JSON that is uploaded
};

// Parses and checks a signed edit envelope's structure (not its signature).
Result<Edit> parse_edit_envelope(std::string_view json);

class Outbox {
 public:
  explicit Outbox(KioskDir& kiosk) : kiosk_(kiosk) {}

  std::string view_db() const;

  // Makes an edit of `service` by `staff`: `values` are the fields as they
  // should be (unchanged ones are dropped; old values come from the view),
  // checked like the authoring validator. `create` adds a new service at
  // this kiosk's centre. Commits durably, then applies to the view.
  Result<Edit> save(const std::string& staff, const std::string& service, const content::ServiceRecord& values,
                    int64_t now, bool create = false);

  Result<std::vector<Edit>> list();
  Result<int> count_live();  // pending, held or accepted

  // Makes view.db match content.db plus the live edits (rebuilds it when the
  // release changed, an edit's state changed, or a save was cut short).
  // Returns true when it rebuilt (the UI should reopen view.db).
  Result<bool> refresh_view();

  // Records the hub's answer for an edit.
  Status set_state(const std::string& edit_id, EditState state, const std::string& reason, int64_t release);
  // Drops accepted edits that the installed release carries.
  Result<int> clear_released();

  // Service ids and fields with a live edit (for "pending" marks on screen).
  Result<std::map<std::string, std::vector<std::string>>> pending_fields();

 private:
  KioskDir& kiosk_;
};

// Uploads pending edits to the hub and asks for the state of unresolved
// ones; records the answers. Returns how many edits changed state.
Result<int> exchange_edits(KioskDir& kiosk, Transport& hub, Clock& clock);

}  // namespace faro::sync
