#include "kiosk/background.h"

namespace faro::kiosk {

Result<std::unique_ptr<Background>> Background::open(const std::string& db, const std::string& centre) {
  std::unique_ptr<Background> bg(new Background());
  bg->thread_ = std::thread([b = bg.get(), db, centre] { b->loop(db, centre); });
  std::unique_lock lock(bg->mu_);
  bg->cv_.wait(lock, [&] { return bg->opened_ || !bg->open_error_.empty(); });
  if (!bg->open_error_.empty()) {
    std::string err = bg->open_error_;
    lock.unlock();
    bg->thread_.join();
    return make_error(ErrorCode::Io, err);
  }
  return bg;
}

Background::~Background() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    jobs_.clear();
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Background::loop(std::string db, std::string centre) {
  auto store = content::Store::open(db, content::Store::Mode::ReadOnly);
  {
    std::lock_guard lock(mu_);
    if (!store) {
      open_error_ = db + ": " + store.error().message;
    } else {
      opened_ = true;
      (*store)->set_centre(centre);
    }
  }
  cv_.notify_all();
  if (!store) return;
  for (;;) {
    Job job;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
      if (stopping_) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
      ++running_;
    }
    Completion c = job(**store);
    {
      std::lock_guard lock(mu_);
      if (c) done_.push_back(std::move(c));
      --running_;
    }
    cv_.notify_all();
  }
}

void Background::post(Job job) {
  {
    std::lock_guard lock(mu_);
    jobs_.push_back(std::move(job));
  }
  cv_.notify_all();
}

size_t Background::drain() {
  std::deque<Completion> ready;
  {
    std::lock_guard lock(mu_);
    ready.swap(done_);
  }
  for (auto& c : ready) c();
  return ready.size();
}

void Background::wait_idle() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] { return stopping_ || (jobs_.empty() && running_ == 0); });
}

}  // namespace faro::kiosk
