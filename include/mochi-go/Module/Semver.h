//===- Semver.h - Go's semantic versions ------------------------*- C++ -*-===//
//
// Part of mochi-go. Semantic versions as the go command reads them
// (golang.org/x/mod/semver): a leading "v", shorthands "v1" and "v1.2"
// accepted and completed by canonical(), pre-release and build suffixes,
// and precedence as in semver 2.0.0, with invalid versions ordered below
// every valid one. Pseudo-versions (v0.0.0-20191109021931-daa7c04131f5 and
// the vX.Y.Z-pre.0.TIME-REV / vX.Y.(Z+1)-0.TIME-REV forms) are recognised.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_MODULE_SEMVER_H
#define MOCHIGO_MODULE_SEMVER_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace mochigo {
namespace semver {

/// Whether `v` is a valid semantic version (with the "v" prefix; "v1" and
/// "v1.2" are valid shorthands; "v1.2.3-pre+build" is valid).
bool isValid(llvm::StringRef v);

/// The canonical form: "v1" -> "v1.0.0", "v1.2" -> "v1.2.0", build
/// metadata dropped ("v1.2.3+meta" -> "v1.2.3"). Empty if `v` is invalid.
std::string canonical(llvm::StringRef v);

/// "v2.1.0" -> "v2"; empty if invalid.
std::string major(llvm::StringRef v);
/// "v2.1.0" -> "v2.1"; empty if invalid.
std::string majorMinor(llvm::StringRef v);
/// "v1.2.3-pre+meta" -> "-pre"; empty if none or invalid.
std::string prerelease(llvm::StringRef v);
/// "v1.2.3-pre+meta" -> "+meta"; empty if none or invalid.
std::string build(llvm::StringRef v);

/// -1, 0 or +1 as v < w, v == w, v > w by semver precedence. Build metadata
/// is ignored. An invalid version is less than every valid one and equal to
/// every other invalid one.
int compare(llvm::StringRef v, llvm::StringRef w);

/// The larger of v and w by compare(); v when equal.
llvm::StringRef max(llvm::StringRef v, llvm::StringRef w);

/// Sort by compare(), ties broken by plain string order (semver.Sort).
void sort(std::vector<std::string> &versions);

/// Whether `v` is a pseudo-version (x/mod/module.IsPseudoVersion).
bool isPseudoVersion(llvm::StringRef v);

/// The 14-digit timestamp of a pseudo-version ("20191109021931").
llvm::Expected<std::string> pseudoVersionTime(llvm::StringRef v);
/// The revision identifier of a pseudo-version ("daa7c04131f5").
llvm::Expected<std::string> pseudoVersionRev(llvm::StringRef v);
/// The version the pseudo-version is based on: "" for v0.0.0-T-R forms and
/// vX.0.0-T-R forms, "vX.Y.Z" for vX.Y.(Z+1)-0.T-R, "vX.Y.Z-pre" for
/// vX.Y.Z-pre.0.T-R. Build metadata (+incompatible) is kept.
llvm::Expected<std::string> pseudoVersionBase(llvm::StringRef v);

} // namespace semver
} // namespace mochigo

#endif // MOCHIGO_MODULE_SEMVER_H
