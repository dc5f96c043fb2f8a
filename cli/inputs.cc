// Turns INPUT arguments into pages: stdin, single files, and the HTML files under directories.
#include "inputs.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <system_error>

namespace winnow::cli {
namespace fs = std::filesystem;

namespace {

bool has_extension(const fs::path& path, const std::vector<std::string>& extensions) {
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::find(extensions.begin(), extensions.end(), extension) != extensions.end();
}

std::string extension_list(const std::vector<std::string>& extensions) {
  std::string list;
  for (std::size_t i = 0; i < extensions.size(); ++i) {
    list += i == 0 ? "" : i + 1 == extensions.size() ? " or " : ", ";
    list += extensions[i];
  }
  return list;
}

fs::path without_extension(const fs::path& path) {
  fs::path result = path;
  result.replace_extension();
  return result;
}

Input failed_input(const std::string& argument, std::string message) {
  Input input;
  input.path = argument;
  input.error = std::move(message);
  return input;
}

// Appends the files under `directory` with one of `extensions`, or one failed Input when there
// are none or the walk fails part-way (a partial listing would be silent data loss).
void expand_directory(const std::string& argument, const std::vector<std::string>& extensions,
                      std::vector<Input>& inputs) {
  const fs::path directory = argument;
  std::vector<fs::path> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(directory, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code type_ec;
    if (it->is_regular_file(type_ec) && has_extension(it->path(), extensions)) files.push_back(it->path());
  }
  if (ec) {
    inputs.push_back(failed_input(argument, "cannot list directory: " + ec.message()));
    return;
  }
  if (files.empty()) {
    inputs.push_back(failed_input(argument, "no " + extension_list(extensions) + " files in this directory"));
    return;
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    Input input;
    input.path = file;
    input.output_stem = without_extension(file.lexically_relative(directory));
    inputs.push_back(std::move(input));
  }
}

}  // namespace

std::string Input::source() const { return is_stdin ? "-" : path.string(); }

std::string Input::label() const { return is_stdin ? "standard input" : path.string(); }

std::vector<Input> expand_inputs(const std::vector<std::string>& arguments, const std::vector<std::string>& extensions) {
  std::vector<Input> inputs;
  for (const std::string& argument : arguments) {
    if (argument == "-") {
      Input input;
      input.is_stdin = true;
      input.output_stem = "stdin";
      inputs.push_back(std::move(input));
      continue;
    }
    std::error_code ec;
    const fs::file_status status = fs::status(argument, ec);
    if (ec || !fs::exists(status)) {
      const std::string reason = ec ? ec.message() : "no such file or directory";
      inputs.push_back(failed_input(argument, reason));
    } else if (fs::is_directory(status)) {
      expand_directory(argument, extensions, inputs);
    } else {
      Input input;
      input.path = argument;
      input.output_stem = input.path.stem();
      inputs.push_back(std::move(input));
    }
  }
  return inputs;
}

void assign_output_names(std::vector<Input>& inputs) {
  std::set<fs::path> taken;
  for (Input& input : inputs) {
    if (!input.error.empty()) continue;
    fs::path candidate = input.output_stem;
    for (int n = 2; taken.count(candidate) != 0; ++n) {
      candidate = input.output_stem;
      candidate += "-" + std::to_string(n);
    }
    taken.insert(candidate);
    input.output_stem = std::move(candidate);
  }
}

}  // namespace winnow::cli
