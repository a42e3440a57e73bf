# -*- Python -*-
# lit configuration of mochi-go.

import os
import shutil

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "MOCHI-GO"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.mochigo_obj_root, "test")
# Inputs are data, not tests.
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py",
                   "modules.txt"]

llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

# The Go toolchain: never the network, caches inside the build tree so that
# a warm run of the suite does no type-checking work twice.
go_root = os.path.dirname(config.go_executable)
llvm_config.with_environment("PATH", go_root, append_path=True)
config.environment["GOTOOLCHAIN"] = "local"
config.environment["GOPROXY"] = "off"
config.environment["GOSUMDB"] = "off"
config.environment["GOWORK"] = "off"
config.environment["GOCACHE"] = os.path.join(config.mochigo_obj_root, "gocache")
config.environment["GOMODCACHE"] = os.path.join(config.mochigo_obj_root,
                                                "gomodcache")
# Every mochi-go tool refuses any host but 127.0.0.1/::1/localhost: a test
# can never reach the network, even with a GOPROXY it forgot to set.
config.environment["MOCHIGO_LOOPBACK_ONLY"] = "1"
for var in ["GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GOINSECURE",
            "GONOSUMCHECK", "GOFLAGS", "XDG_CACHE_HOME"]:
    config.environment.pop(var, None)
for var in ["HOME", "TMPDIR"]:
    if var in os.environ:
        config.environment[var] = os.environ[var]

config.substitutions.append(("%corpus_proxy", config.mochigo_corpus_proxy))
config.substitutions.append(
    ("%corpus-ingest",
     "%s %s --proxy %s --ingest %s" % (
         config.python_executable,
         os.path.join(config.mochigo_src_root, "utils", "corpus-ingest.py"),
         config.mochigo_corpus_proxy,
         os.path.join(config.mochigo_tools_dir, "mochi-go-ingest"))))

tool_dirs = [config.mochigo_tools_dir, config.llvm_tools_dir]
config.substitutions.append(
    ("%build-wrapper",
     "%s %s --proxy %s --bin %s --go %s --split-file %s" % (
         config.python_executable,
         os.path.join(config.mochigo_src_root, "utils", "build-wrapper.py"),
         config.mochigo_corpus_proxy, config.mochigo_tools_dir,
         config.go_executable,
         os.path.join(config.llvm_tools_dir, "split-file"))))
config.substitutions.append(
    ("%skip-report-golden",
     "%s %s" % (config.python_executable,
                os.path.join(config.mochigo_src_root, "utils",
                             "skip-report-golden.py"))))
config.substitutions.append(("%go_newest", config.go_helper_executable))
config.substitutions.append(("%go", config.go_executable))
# The newest Go on the machine (the Go helpers' toolchain) has generic type
# aliases from 1.24 on.
import subprocess
try:
    _v = subprocess.run([config.go_helper_executable, "env", "GOVERSION"],
                        capture_output=True, text=True).stdout.strip()
    _parts = _v[2:].split(".")
    if _v.startswith("go") and (int(_parts[0]), int(_parts[1])) >= (1, 24):
        config.available_features.add("go-generic-alias")
        # //go:wasmexport and wasip1 reactors (the embedded profile).
        config.available_features.add("go-wasmexport")
except (OSError, ValueError, IndexError):
    pass
config.substitutions.append(("%mochigo_bin", config.mochigo_tools_dir))
config.substitutions.append(("%python", config.python_executable))

tools = ["FileCheck", "not", "count", "split-file", "mochi-go-opt",
         "mochi-go-translate", "mochi-go-ingest", "mochi-go-corpus-proxy",
         "mochi-go-mod", "mochi-go-test-servers", "mochi-go", "mochi-go-check"]
llvm_config.add_tool_substitutions(tools, tool_dirs)

# The embedded profile's modules run under Node's WASI (utils/wasm-host.mjs):
# Node 20 or later.
_node = shutil.which("node")
if _node:
    try:
        _nv = subprocess.run([_node, "--version"], capture_output=True,
                             text=True).stdout.strip()
        if int(_nv.lstrip("v").split(".")[0]) >= 20:
            config.available_features.add("node")
    except (OSError, ValueError):
        pass
config.substitutions.append(("%node", "%s --no-warnings" % (_node or "node")))
config.substitutions.append(
    ("%wasm-host", os.path.join(config.mochigo_src_root, "utils",
                                "wasm-host.mjs")))

# The C API (lib/CAPI): a C compiler and the mochi-go-c pkg-config files.
config.substitutions.append(("%cc", config.c_compiler))
config.substitutions.append(("%capi_pkgconfig",
                             config.mochigo_capi_pkgconfig_dir))
# File modes stop everyone but root: tests of unreadable files need another
# user.
if hasattr(os, "getuid") and os.getuid() != 0:
    config.available_features.add("non-root")
if shutil.which("pkg-config"):
    config.available_features.add("pkg-config")

# Installing (test/Install): the build tree, cmake and cpack, the version.
config.substitutions.append(("%mochigo_build", config.mochigo_obj_root))
config.substitutions.append(("%mochigo_src", config.mochigo_src_root))
config.substitutions.append(("%mochigo_version", config.mochigo_version))
config.substitutions.append(("%cmake", config.cmake_command))
config.substitutions.append(("%cpack", config.cpack_command))
if shutil.which("dpkg-deb"):
    config.available_features.add("dpkg")
