// Digests of a build's inputs (manifest.h): the whole site's, for a build that finds it has
// nothing to do, and each department's, for a build that keeps departments of the published
// site (Site::fingerprint(), Site::department_digests()).
#pragma once

#include <map>
#include <string>

#include "base/diagnostic.h"

namespace gongkai {

struct SiteModel;

/// Site::fingerprint().
std::string site_fingerprint(const SiteModel& model, const Diagnostics& reported);
/// Site::department_digests().
std::map<std::string, std::string> department_digests(const SiteModel& model);

}  // namespace gongkai
