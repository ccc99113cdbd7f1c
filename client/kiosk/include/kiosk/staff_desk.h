// StaffDesk: what the kiosk's staff screens may do with this kiosk's
// directory (DESIGN.md §5, docs/kiosk.md "Staff mode"): the staff accounts
// and their PINs, a service as named fields, saving an edit to the durable
// outbox, the outbox's edits and their states, sync now.
//
// Screens never touch sync/ or SQL: they call this interface. The App gets
// one like it gets a SyncStatus; null means the kiosk has no staff mode
// (`--db FILE`). KioskStaffDesk implements it over a kiosk directory
// (sync::KioskDir + sync::Outbox) and, in the window mode, the SyncWorker.
//
// Errors are values: a database or disk problem comes back as an Error (the
// screen shows error.generic); a refused save says which fields and why.
// Threads: the UI thread only. Login checks an Argon2id hash (a fraction of
// a second); everything else is a few SQLite statements.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "content/result.h"

namespace faro::sync {
class SyncWorker;
}

namespace faro::kiosk {

struct StaffMember {
  std::string id;
  std::string name;
  int64_t locked_until = 0;  // unix seconds; 0 = not locked
};

struct LoginOutcome {
  bool ok = false;
  int64_t retry_at = 0;  // locked: the earliest time to try again (unix seconds)
  int failures = 0;      // wrong PINs in a row
};

// The states of an edit in the outbox, as sync::EditState.
enum class StaffEditState { Pending, Held, Accepted, Conflict, Rejected };

struct StaffEdit {
  std::string id;
  std::string service;
  std::string staff;
  std::string created;              // ISO 8601 UTC
  bool creates = false;             // added a service
  std::vector<std::string> fields;  // the fields it changes
  StaffEditState state = StaffEditState::Pending;
  std::string reason;  // the hub's, for held / conflict / rejected
};

// A service as named fields (content/service_record.h: "phones", "hours",
// "status", "name@ar", ...).
using FieldValues = std::map<std::string, std::string>;

struct SaveOutcome {
  bool saved = false;
  std::string edit_id;
  std::map<std::string, std::string> field_errors;  // field -> why it was refused
  std::string error;                                // refused for another reason ("nothing changed", ...)
};

class StaffDesk {
 public:
  virtual ~StaffDesk() = default;

  // The centre whose services this kiosk's staff may edit.
  virtual std::string centre() = 0;
  virtual Result<std::vector<StaffMember>> staff() = 0;
  // Checks a PIN at `now` (lockout: sync::staff_login).
  virtual Result<LoginOutcome> login(const std::string& staff_id, const std::string& pin, int64_t now) = 0;

  // Every field of a service as the kiosk shows it (with live edits).
  virtual Result<FieldValues> service(const std::string& id) = 0;
  // Why each field of `values` that differs from the service's current value
  // (every field, for a new service) would be refused; empty = all fine.
  virtual std::map<std::string, std::string> check(const std::string& service, const FieldValues& values,
                                                   bool create) = 0;
  // Saves `values` (the fields as they should be) as an edit by `staff`.
  // Nothing is saved when any field is refused.
  virtual Result<SaveOutcome> save(const std::string& staff, const std::string& service, const FieldValues& values,
                                   int64_t now, bool create) = 0;

  virtual Result<std::vector<StaffEdit>> edits() = 0;  // newest first
  // Service id -> fields with a live edit (pending, held, accepted).
  virtual Result<std::map<std::string, std::vector<std::string>>> pending_fields() = 0;

  virtual bool can_sync() = 0;  // a sync worker runs
  virtual void sync_now() = 0;  // asks the worker for a pass at once
  virtual bool syncing() = 0;
  // When the last sync pass finished (ISO 8601 UTC) and how ("updated",
  // "up-to-date", "stale", "failed"); empty if never.
  virtual std::string last_sync_at() = 0;
  virtual std::string last_sync_result() = 0;
};

// Over a kiosk directory (which must exist: sync::KioskDir::init). `worker`
// (may be null) gets sync_now(); it must outlive the desk.
Result<std::unique_ptr<StaffDesk>> open_kiosk_staff_desk(const std::string& kiosk_dir,
                                                         sync::SyncWorker* worker = nullptr);

// The view database of a kiosk directory, brought up to date (content.db
// plus the live staff edits: sync::Outbox::refresh_view). The kiosk shows
// this file; an error means the caller should fall back to content.db.
Result<std::string> refresh_kiosk_view(const std::string& kiosk_dir);

}  // namespace faro::kiosk
