// Background: view-model queries off the UI thread.
//
// One worker thread with its OWN content Store (a Store is not thread-safe;
// DESIGN/CONVENTIONS: one per thread). A job runs on the worker with that
// Store and returns a completion; completions are queued and run on the UI
// thread by drain(), which the App calls at the start of every frame. So a
// 20,000-service directory query never blocks a frame.
//
// Lifetime: a completion must not outlive what it writes to; screens hand
// their state to jobs as shared_ptr and completions hold weak_ptrs.
// Threads: post(), drain(), wait_idle() from the UI thread; jobs on the worker.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "content/result.h"
#include "content/store.h"

namespace faro::kiosk {

class Background {
 public:
  using Completion = std::function<void()>;
  using Job = std::function<Completion(content::Store&)>;

  // Opens `db` (read-only) on the worker thread; fails if it cannot.
  static Result<std::unique_ptr<Background>> open(const std::string& db, const std::string& centre);
  ~Background();  // finishes the running job, drops the others, joins
  Background(const Background&) = delete;
  Background& operator=(const Background&) = delete;

  void post(Job job);
  // Runs the completions of finished jobs; returns how many ran.
  size_t drain();
  // Blocks until every posted job has finished (tests, benchmarks).
  void wait_idle();

 private:
  Background() = default;
  void loop(std::string db, std::string centre);

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> jobs_;         // guarded by mu_
  std::deque<Completion> done_;  // guarded by mu_
  size_t running_ = 0;           // guarded by mu_
  bool stopping_ = false;        // guarded by mu_
  bool opened_ = false;          // guarded by mu_
  std::string open_error_;       // guarded by mu_
  std::thread thread_;
};

}  // namespace faro::kiosk
