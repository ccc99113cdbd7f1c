#include "screens/factory.h"

#include "screens/article.h"
#include "screens/directory.h"
#include "screens/emergency.h"
#include "screens/home.h"
#include "screens/search.h"
#include "screens/service.h"
#include "screens/staff_edit.h"
#include "screens/staff_home.h"
#include "screens/staff_login.h"
#include "screens/topic.h"
#include "screens/warnings.h"
#include "screens/welcome.h"

namespace faro::screens {

std::unique_ptr<kiosk::Screen> make_screen(const kiosk::Route& r) {
  using kiosk::ScreenId;
  switch (r.id) {
    case ScreenId::Welcome:
      return std::make_unique<WelcomeScreen>(r);
    case ScreenId::Home:
      return std::make_unique<HomeScreen>(r);
    case ScreenId::Topic:
      return std::make_unique<TopicScreen>(r);
    case ScreenId::Article:
      return std::make_unique<ArticleScreen>(r);
    case ScreenId::Warnings:
      return std::make_unique<WarningsScreen>(r);
    case ScreenId::Directory:
      return std::make_unique<DirectoryScreen>(r);
    case ScreenId::Service:
      return std::make_unique<ServiceScreen>(r);
    case ScreenId::Emergency:
      return std::make_unique<EmergencyScreen>(r);
    case ScreenId::Search:
      return std::make_unique<SearchScreen>(r);
    case ScreenId::StaffLogin:
      return std::make_unique<StaffLoginScreen>(r);
    case ScreenId::StaffHome:
      return std::make_unique<StaffHomeScreen>(r);
    case ScreenId::StaffEdit:
      return std::make_unique<StaffEditScreen>(r);
  }
  return std::make_unique<HomeScreen>(r);
}

}  // namespace faro::screens
