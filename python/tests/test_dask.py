"""winnow.dask on a real distributed.LocalCluster (processes, two workers) over WARC files generated here:
the cluster's shards hold exactly the lines of `winnow clean --jsonl`, each once, through a killed worker, an
interrupted and resumed run, and a damaged input. Skipped where Dask distributed is missing."""

import collections
import os
import pickle
import shutil
import signal
import subprocess
import sys
import threading
import time

import pytest

distributed = pytest.importorskip("distributed", reason="python3-distributed is not installed "
                                  "(apt-get install python3-distributed; run with /usr/bin/python3)")

import winnow  # noqa: E402
import winnow.dask  # noqa: E402

from conftest import seed_pages  # noqa: E402
from warc_files import write_warc  # noqa: E402


def make_warcs(folder, files, records_per_file, hosts=7):
    """`files` .warc.gz files of fixture pages, each copy made distinct, spread over `hosts` sites."""
    pages = [p.read_bytes() for p in seed_pages()]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for f in range(files):
        batch = []
        for i in range(records_per_file):
            extra = f"<p>Edition {f}-{i}: one more closing paragraph, written for this copy of the page.</p></body>"
            html = pages[(f + i) % len(pages)].replace(b"</body>", extra.encode())
            batch.append((f"http://site{i % hosts}.example/story/{f}/{i}", f"2026-03-{1 + f % 28:02d}T10:{i % 60:02d}:00Z",
                          html))
        path = folder / f"crawl-{f:02d}.warc.gz"
        write_warc(path, batch)
        paths.append(str(path))
    return paths


def cli_lines(winnow_cli, paths):
    """What `winnow clean --jsonl` prints for the files, as a multiset of lines."""
    binary = os.environ["WINNOW_BIN"]
    done = subprocess.run([binary, "clean", "--jsonl", *paths], capture_output=True)
    return collections.Counter(done.stdout.decode("utf-8").splitlines())


def shard_lines(out):
    """Every line of every .jsonl.zst shard in `out`, as a multiset."""
    lines = collections.Counter()
    for name in sorted(os.listdir(out)):
        if name.endswith(".jsonl.zst"):
            text = subprocess.run(["zstd", "-dcq", os.path.join(out, name)], capture_output=True, check=True).stdout
            lines.update(text.decode("utf-8").splitlines())
    return lines


def run_module(*args, **kwargs):
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    return subprocess.Popen([sys.executable, "-m", "winnow.dask", *map(str, args)], env=env, stderr=subprocess.PIPE,
                            text=True, **kwargs)


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        with distributed.Client(cluster) as c:
            yield c


@pytest.fixture(scope="module")
def small_warcs(tmp_path_factory):
    return make_warcs(tmp_path_factory.mktemp("small"), files=5, records_per_file=40)


@pytest.fixture(scope="module")
def large_warcs(tmp_path_factory):
    """Enough work that a run lasts a few seconds on two workers, so it can be interrupted mid-way."""
    return make_warcs(tmp_path_factory.mktemp("large"), files=10, records_per_file=500)


def test_shards_hold_exactly_the_lines_of_clean_jsonl(client, small_warcs, tmp_path, winnow_cli):
    manifest = winnow.dask.clean_warcs(small_warcs, tmp_path / "out", client)
    expected = cli_lines(winnow_cli, small_warcs)
    assert sum(expected.values()) == 5 * 40
    assert shard_lines(tmp_path / "out") == expected
    assert manifest["shards"] == {"total": 5, "ran": 5, "resumed": 0, "failed": 0, "unfinished": 0}
    assert manifest["totals"]["cleaned"] == 200
    assert manifest["totals"]["types"] == {"warcinfo": 5, "request": 200, "response": 200}
    assert manifest["errors"] == []
    on_disk = winnow.dask.load_manifest(tmp_path / "out")
    assert on_disk["inputs"][0]["input"] == small_warcs[0] and on_disk["inputs"][0]["records"] == 81
    assert not os.path.exists(tmp_path / "out" / "_tmp")


def test_a_rerun_runs_nothing_and_a_changed_input_runs_again(client, small_warcs, tmp_path):
    out = tmp_path / "out"
    copies = []
    for path in small_warcs:  # copies: this test changes one
        copies.append(str(tmp_path / os.path.basename(path)))
        shutil.copyfile(path, copies[-1])
    small_warcs = copies
    winnow.dask.clean_warcs(small_warcs, out, client)
    again = winnow.dask.clean_warcs(small_warcs, out, client)
    assert again["shards"]["ran"] == 0 and again["shards"]["resumed"] == 5
    assert again["totals"]["cleaned"] == 200
    with open(small_warcs[1], "ab") as f:  # the input grew: its shard is stale
        f.write(open(small_warcs[0], "rb").read())
    third = winnow.dask.clean_warcs(small_warcs, out, client)
    assert third["shards"]["ran"] == 1 and third["shards"]["resumed"] == 4
    assert third["totals"]["cleaned"] == 240


def test_a_killed_worker_loses_and_repeats_no_record(large_warcs, tmp_path, winnow_cli):
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        with distributed.Client(cluster) as c:
            result = {}
            run = threading.Thread(target=lambda: result.update(winnow.dask.clean_warcs(large_warcs, tmp_path, c)))
            run.start()
            killed = None
            deadline = time.monotonic() + 60
            while killed is None and run.is_alive() and time.monotonic() < deadline:
                busy = [address for address, keys in c.processing().items() if keys]
                if busy and any(name.endswith(".jsonl.zst") for name in os.listdir(tmp_path)):
                    pid = c.run(os.getpid, workers=[busy[0]])[busy[0]]
                    os.kill(pid, signal.SIGKILL)  # mid-task: its shard is half written in _tmp
                    killed = pid
                time.sleep(0.02)
            run.join(300)
    assert killed is not None, "the run ended before a worker could be killed"
    assert not run.is_alive()
    assert result["shards"]["ran"] == 10 and result["shards"]["failed"] == 0
    assert len({s["worker"] for s in result["inputs"]}) >= 2  # both workers (one of them restarted) took shards
    assert shard_lines(tmp_path) == cli_lines(winnow_cli, large_warcs)


def test_an_interrupted_run_resumes_only_its_unfinished_shards(large_warcs, tmp_path, winnow_cli):
    out = tmp_path / "out"
    first = run_module("clean", "--scheduler", "local:2", "--out", out, *large_warcs)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and first.poll() is None:
        if out.exists() and any(name.endswith(".jsonl.zst") for name in os.listdir(out)):
            break
        time.sleep(0.02)
    first.send_signal(signal.SIGINT)
    _, errors = first.communicate(timeout=120)
    assert first.returncode == 130, errors
    assert "rerun" in errors or "again" in errors
    finished = {name for name in os.listdir(out) if name.endswith(".jsonl.zst")}
    assert 0 < len(finished) < 10, f"{len(finished)} shards finished before the interrupt"
    assert winnow.dask.load_manifest(out)["interrupted"] is True

    second = run_module("clean", "--scheduler", "local:2", "--out", out, *large_warcs)
    _, errors = second.communicate(timeout=300)
    assert second.returncode == 0, errors
    manifest = winnow.dask.load_manifest(out)
    assert manifest["shards"]["resumed"] == len(finished)
    assert manifest["shards"]["ran"] == 10 - len(finished)
    assert shard_lines(out) == cli_lines(winnow_cli, large_warcs)


def test_a_damaged_warc_is_an_error_with_its_offset_and_the_others_complete(client, small_warcs, tmp_path,
                                                                             winnow_cli):
    damaged = tmp_path / "damaged.warc.gz"
    data = open(small_warcs[2], "rb").read()
    cut = len(data) // 2
    damaged.write_bytes(data[:cut] + b"\x1f\x8b\x08\x00garbage, not a gzip member" + data[cut + 64:])
    inputs = [small_warcs[0], str(damaged), small_warcs[1]]
    run = run_module("clean", "--scheduler", "local:2", "--out", tmp_path / "out", *inputs)
    _, errors = run.communicate(timeout=300)
    assert run.returncode == 1, errors
    manifest = winnow.dask.load_manifest(tmp_path / "out")
    assert manifest["shards"]["ran"] == 3 and manifest["shards"]["failed"] == 0
    [error] = manifest["errors"]
    assert error["shard"] == "damaged.warc.gz" and error["input"] == str(damaged)
    assert 0 < error["offset"] <= cut and "offset" in error["message"]
    assert "damaged.warc.gz" in errors and f"offset {error['offset']}" in errors
    # the records before the damage are kept, as `winnow clean --jsonl` prints them
    assert shard_lines(tmp_path / "out") == cli_lines(winnow_cli, inputs)
    good = [s for s in manifest["inputs"] if s["shard"] != "damaged.warc.gz"]
    assert [s["cleaned"] for s in good] == [40, 40]


def test_bad_usage_fails_before_any_cluster_starts(tmp_path, small_warcs):
    for args, message in [
        (["clean", "--scheduler", "local:0", "--out", tmp_path, small_warcs[0]], "local:N"),
        (["clean", "--scheduler", "local:2", "--out", tmp_path, tmp_path / "missing.warc.gz"], "no such file"),
        (["clean", "--scheduler", "local:2", "--out", tmp_path, str(tmp_path / "none-*.warc")], "no file matches"),
        (["clean", "--scheduler", "local:2", "--out", small_warcs[0], small_warcs[0]], "not a directory"),
    ]:
        run = run_module(*args)
        _, errors = run.communicate(timeout=60)
        assert run.returncode == 2, (args, errors)
        assert message in errors and "Traceback" not in errors


def test_inputs_come_from_globs_and_list_files(small_warcs, tmp_path):
    listing = tmp_path / "inputs.txt"
    listing.write_text("# the crawl\n" + "\n".join(small_warcs[:2]) + "\n")
    folder = os.path.dirname(small_warcs[0])
    found = winnow.dask.expand_inputs([str(listing), os.path.join(folder, "crawl-0[2-4].warc.gz"), small_warcs[0]])
    assert found == small_warcs  # in argument order, each once


def test_clean_html_and_clean_warc_run_in_client_map_and_dask_bag(client, small_warcs):
    import dask.bag

    assert pickle.loads(pickle.dumps(winnow.clean_html)) is winnow.clean_html
    assert pickle.loads(pickle.dumps(winnow.clean_warc)) is winnow.clean_warc
    pages = [p.read_bytes() for p in seed_pages()[:6]]
    remote = client.gather(client.map(winnow.clean_html, pages, pure=False))
    assert [a.text for a in remote] == [winnow.clean_html(p).text for p in pages]
    counts = dask.bag.from_sequence(small_warcs[:3], npartitions=3).map(
        lambda path: sum(1 for _ in winnow.clean_warc(path))).compute()
    assert counts == [40, 40, 40]


def test_archive_shards_keep_each_site_whole(client, small_warcs, tmp_path):
    manifest = winnow.dask.archive_warcs(small_warcs, tmp_path / "shards", client, partitions=3)
    assert manifest["shards"]["ran"] == 3 and manifest["errors"] == []
    assert manifest["totals"]["captures"] == 200
    seen = {}
    for index in range(3):
        with winnow.Archive(tmp_path / "shards" / f"part-{index:05d}-of-00003.db", read_only=True) as shard:
            assert shard.verify().problems == []
            for entry in shard.urls():
                assert winnow.site_partition(entry.url, 3) == index
                seen[entry.url] = index
    assert len(seen) == 200
    assert len({url.split("/")[2] for url in seen}) == 7


def test_archive_shards_merge_into_what_one_process_imports(client, tmp_path):
    """Each URL is captured in every file (a new edition each time), so versions span files; the shards merged
    equal, capture for capture, one archive importing every file."""
    pages = [p.read_bytes() for p in seed_pages()[:12]]
    files = []
    for f in range(4):
        batch = []
        for i, page in enumerate(pages):
            edition = f if i % 3 else 0  # a third of the pages never change: unchanged captures
            html = page.replace(b"</body>", f"<p>Correction {edition}: the figures were revised.</p></body>".encode())
            batch.append((f"https://www.site{i % 5}.example/story/{i}", f"2026-04-0{1 + f}T08:00:00Z", html))
        files.append(str(tmp_path / f"day{f}.warc.gz"))
        write_warc(files[-1], batch)
    merged = tmp_path / "merged.db"
    run = run_module("archive", "--scheduler", "local:2", "--partitions", "3", "--merge", merged,
                     "--out", tmp_path / "shards", *files)
    _, errors = run.communicate(timeout=300)
    assert run.returncode == 0, errors
    manifest = winnow.dask.load_manifest(tmp_path / "shards")
    assert manifest["merge"]["stored"] == 48 and manifest["merge"]["shards"] == 3
    with winnow.Archive(tmp_path / "one.db") as one:
        assert one.import_warc(files).captures == 48
    with winnow.Archive(merged, read_only=True) as a, winnow.Archive(tmp_path / "one.db", read_only=True) as b:
        assert a.verify().problems == []
        assert [u.url for u in a.urls()] == [u.url for u in b.urls()] and len(a.urls()) == 12
        for summary in b.urls():
            assert a.log(summary.url) == b.log(summary.url)
            for version in range(1, summary.versions + 1):
                assert a.show(summary.url, version) == b.show(summary.url, version)
        versions = sorted(u.versions for u in b.urls())
        assert versions[0] == 1 and versions[-1] == 4  # unchanged pages and pages edited every day
