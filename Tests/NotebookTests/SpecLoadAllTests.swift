import Foundation
import Notebook
import Testing

@Suite struct SpecLoadAllTests {
    func write(_ files: [String: String]) throws -> (URL, [String]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let paths = try files.keys.sorted().map { name in
            let url = dir.appendingPathComponent(name)
            try files[name]!.write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }
        return (dir, paths)
    }

    @Test func duplicateNamesAcrossFilesNameBothFiles() throws {
        let (dir, paths) = try write([
            "a.yaml": "name: samples\n",
            "b.yaml": "# another figure\nname: samples\n",
            "c.yaml": "name: kernels\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            _ = try ExperimentSpec.loadAll(paths: paths)
            Issue.record("duplicate names accepted")
        } catch {
            let e = try #require(error.errors.first)
            #expect(error.errors.count == 1)
            #expect(e.file == paths[1])
            #expect((e.line, e.column, e.keyPath) == (2, 7, "name"))
            #expect(e.message.contains("experiment name 'samples' is also used by \(paths[0]) (at \(paths[0]):1:7)"))
        }
    }

    @Test func errorsOfAllFilesAreReportedTogether() throws {
        let (dir, paths) = try write(["a.yaml": "name: a\ntrials: 0\n", "b.yaml": "name: b\nmodel: { kapa: 2 }\n", "c.yaml": "name: c\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            _ = try ExperimentSpec.loadAll(paths: paths)
            Issue.record("bad files accepted")
        } catch {
            #expect(error.errors.map(\.file) == [paths[0], paths[1]])
        }
        let specs = try ExperimentSpec.loadAll(paths: [paths[2]])
        #expect(specs.map(\.name) == ["c"])
    }

    @Test func unreadableFile() throws {
        do {
            _ = try ExperimentSpec.load(path: "/nonexistent/x.yaml")
            Issue.record("loaded a missing file")
        } catch {
            #expect(error.errors.first?.description.hasPrefix("/nonexistent/x.yaml: cannot read the file") == true)
        }
    }
}
