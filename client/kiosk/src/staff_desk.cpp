#include "kiosk/staff_desk.h"

#include <algorithm>

#include "content/service_record.h"
#include "content/store.h"
#include "sync/outbox.h"
#include "sync/worker.h"

namespace faro::kiosk {
namespace {

StaffEditState state_of(sync::EditState s) {
  switch (s) {
    case sync::EditState::Pending:
      return StaffEditState::Pending;
    case sync::EditState::Held:
      return StaffEditState::Held;
    case sync::EditState::Accepted:
      return StaffEditState::Accepted;
    case sync::EditState::Conflict:
      return StaffEditState::Conflict;
    case sync::EditState::Rejected:
      return StaffEditState::Rejected;
  }
  return StaffEditState::Pending;
}

class KioskStaffDesk : public StaffDesk {
 public:
  KioskStaffDesk(sync::KioskDir kiosk, sync::SyncWorker* worker) : kiosk_(std::move(kiosk)), worker_(worker) {}

  std::string centre() override {
    auto st = kiosk_.status(0);
    return st ? st->centre : std::string();
  }

  Result<std::vector<StaffMember>> staff() override {
    auto list = FARO_TRY(sync::list_staff(kiosk_));
    std::vector<StaffMember> out;
    for (auto& a : list) out.push_back(StaffMember{a.id, a.name, a.locked_until});
    return out;
  }

  Result<LoginOutcome> login(const std::string& id, const std::string& pin, int64_t now) override {
    auto r = FARO_TRY(sync::staff_login(kiosk_, id, pin, now));
    return LoginOutcome{r.ok, r.retry_at, r.failures};
  }

  Result<FieldValues> service(const std::string& id) override {
    auto view = FARO_TRY(open_view());
    return content::read_service_record(*view, id);
  }

  std::map<std::string, std::string> check(const std::string& service, const FieldValues& values,
                                           bool create) override {
    std::map<std::string, std::string> errors;
    auto view = open_view();
    if (!view) return errors;  // save() reports the database error
    content::ServiceRecord old;
    if (!create)
      if (auto rec = content::read_service_record(**view, service)) old = std::move(*rec);
    for (const auto& [field, value] : values) {
      auto it = old.find(field);
      if (!create && it != old.end() && it->second == value) continue;
      if ((create || it == old.end()) && value.empty()) continue;
      if (auto why = content::check_service_field(**view, field, value)) errors[field] = *why;
    }
    return errors;
  }

  Result<SaveOutcome> save(const std::string& staff, const std::string& service, const FieldValues& values, int64_t now,
                           bool create) override {
    SaveOutcome out;
    out.field_errors = check(service, values, create);
    if (!out.field_errors.empty()) return out;
    sync::Outbox box(kiosk_);
    auto e = box.save(staff, service, values, now, create);
    if (!e) {
      // The view's write checks every field again ("FIELD: reason"); other
      // refusals (nothing changed, another centre's service) name no field.
      const std::string& m = e.error().message;
      const size_t colon = m.find(": ");
      if (colon != std::string::npos && values.count(m.substr(0, colon)))
        out.field_errors[m.substr(0, colon)] = m.substr(colon + 2);
      else if (e.error().code == ErrorCode::Invalid || e.error().code == ErrorCode::NotFound)
        out.error = m;
      else
        return e.take_error();
      return out;
    }
    out.saved = true;
    out.edit_id = e->id;
    return out;
  }

  Result<std::vector<StaffEdit>> edits() override {
    sync::Outbox box(kiosk_);
    auto list = FARO_TRY(box.list());
    std::vector<StaffEdit> out;
    for (auto& e : list) {
      StaffEdit s;
      s.id = e.id;
      s.service = e.service;
      s.staff = e.staff;
      s.created = e.created;
      s.creates = e.creates;
      for (const auto& [f, c] : e.fields) s.fields.push_back(f);
      s.state = state_of(e.state);
      s.reason = e.reason;
      out.push_back(std::move(s));
    }
    std::reverse(out.begin(), out.end());  // the outbox lists oldest first
    return out;
  }

  Result<std::map<std::string, std::vector<std::string>>> pending_fields() override {
    sync::Outbox box(kiosk_);
    return box.pending_fields();
  }

  bool can_sync() override { return worker_ != nullptr; }
  void sync_now() override {
    if (worker_) worker_->trigger();
  }
  bool syncing() override { return worker_ && worker_->status().running; }
  std::string last_sync_at() override {
    auto st = kiosk_.status(0);
    return st ? st->last_sync_at : std::string();
  }
  std::string last_sync_result() override {
    auto st = kiosk_.status(0);
    return st ? st->last_result : std::string();
  }

 private:
  Result<std::unique_ptr<content::Store>> open_view() {
    sync::Outbox box(kiosk_);
    return content::Store::open(box.view_db(), content::Store::Mode::ReadOnly);
  }

  sync::KioskDir kiosk_;
  sync::SyncWorker* worker_;
};

}  // namespace

Result<std::unique_ptr<StaffDesk>> open_kiosk_staff_desk(const std::string& kiosk_dir, sync::SyncWorker* worker) {
  auto k = FARO_TRY(sync::KioskDir::open(kiosk_dir));
  return std::unique_ptr<StaffDesk>(new KioskStaffDesk(std::move(k), worker));
}

Result<std::string> refresh_kiosk_view(const std::string& kiosk_dir) {
  auto k = FARO_TRY(sync::KioskDir::open(kiosk_dir));
  sync::Outbox box(k);
  FARO_TRY(box.refresh_view());
  return box.view_db();
}

}  // namespace faro::kiosk
