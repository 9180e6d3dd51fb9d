import ConvRecovery
import Foundation
import Notebook
import Testing

/// Chart data and gnuplot scripts as text, and rendering when gnuplot is here.
@Suite struct ChartTests {
    static let convergenceYAML = """
        name: convergence
        seed: 5
        trials: 4
        model: { patch_size: 4, patches: 2, samples: 1000 }
        sweep:
          init: [tensor, random]
        charts:
          - id: loss-vs-iteration
            title: Objective against iteration
            kind: convergence
            series: init
        claims:
          - id: tensor-linear
            statement: Tensor initialisation converges linearly.
            check: { kind: linear_rate, y: error, where: { init: tensor }, min_r2: 0.95 }
          - id: random-linear
            statement: Random initialisation converges linearly too.
            check: { kind: linear_rate, y: error, where: { init: random } }
        """

    /// Tensor: error 0.9ᵏ from 0.1; random: a slow 1/(1 + k) decay.
    static func convergenceOutcome(_ point: PlanPoint, _ trial: Int, _ stream: inout RandomStream) -> ReportFixture.Outcome {
        if point.string("init") == "tensor" {
            let h = ReportFixture.history(rate: 0.9, start: 0.1, iterations: 120, noise: 0.01, stream: &stream)
            return .init(error: h.last!.error!, success: true, history: h)
        }
        let h = (0...120).map { k in
            let e = 1 / (1 + Double(k)) * exp(0.01 * stream.nextGaussian())
            return GradientDescent.HistoryPoint(iteration: k, loss: e * e, error: e)
        }
        return .init(error: h.last!.error!, success: false, history: h)
    }

    func samplesAnalysis() throws -> ExperimentAnalysis {
        let spec = try ReportFixture.spec(ReportFixture.samplesYAML)
        return ExperimentAnalysis(spec: spec, records: ReportFixture.records(spec, ReportFixture.samplesOutcome), resamples: 100)
    }

    @Test func lineScript() throws {
        let analysis = try samplesAnalysis()
        let plot = analysis.plot(analysis.spec.charts[0])
        let script = try plot.script(formats: [.svg, .png, .pdf])
        #expect(script.contains("set terminal svg size 600,400 dynamic enhanced font 'DejaVu Sans,11'"))
        #expect(script.contains("set terminal pngcairo"))
        #expect(script.contains("set terminal pdfcairo"))
        #expect(script.contains("set output 'error-vs-samples.svg'"))
        #expect(script.contains("set output 'error-vs-samples.pdf'"))
        #expect(script.contains("set logscale x"))
        #expect(script.contains("set logscale y"))
        #expect(script.contains("set title \"Recovery error against n\""))
        #expect(script.contains("set xlabel \"samples n\""))
        #expect(script.contains("'error-vs-samples.dat' index 0 using 1:3:4 with filledcurves"))
        #expect(script.contains("'error-vs-samples.dat' index 1 using 1:2 with linespoints linestyle 2 title \"squared-relu\""))
        #expect(script.contains("index 2 using 1:2 with lines linestyle 100"))   // theory
        #expect(script.contains("#0072B2") && script.contains("#D55E00"))
        #expect(script.components(separatedBy: "replot").count == 3)             // png and pdf replot
        // The data: header naming the experiment and the columns, one block per series.
        #expect(plot.data.hasPrefix("# experiment: samples — chart error-vs-samples (line)"))
        #expect(plot.data.contains("# columns: samples centre low high min max mean trials failed x_shifted"))
        #expect(plot.data.components(separatedBy: "\n\n\n").count == 3)
        #expect(plot.data.contains("\n100 "))
        #expect(plot.caption.contains("8 trials per point (160 in all)"))
        #expect(plot.fits.first?.key == "error-vs-samples c")
    }

    @Test func successRateUsesWilsonErrorBars() throws {
        let analysis = try samplesAnalysis()
        let plot = analysis.plot(analysis.spec.charts[1])
        let script = try plot.script(formats: [.svg])
        #expect(script.contains("using 10:2:3:4 with yerrorbars"))
        #expect(script.contains("set yrange [-0.03:1.03]"))
        #expect(!script.contains("set logscale y"))
        #expect(!script.contains("replot"))
        #expect(plot.data.contains("centre = success rate; low, high = Wilson 95% interval"))
        #expect(plot.caption.contains("Wilson 95%"))
    }

    @Test func heatmapScript() throws {
        let analysis = try samplesAnalysis()
        let plot = analysis.plot(analysis.spec.charts[2])
        let script = try plot.script(formats: [.png])
        #expect(script.contains("using 1:2:(0.5):(0.5):3 with boxxy fillcolor palette"))
        #expect(script.contains("set xtics (\"100\" 0, \"200\" 1, \"400\" 2, \"800\" 3, \"1600\" 4)"))
        #expect(script.contains("set ytics (\"8\" 0, \"16\" 1)"))
        #expect(script.contains("set cbrange [0:1]"))
        #expect(script.contains("set cblabel \"recovery rate\""))
        #expect(script.contains("index 1 using 1:2 with linespoints"))   // 50% contour
        #expect(script.contains("index 2 using 1:2 with lines"))         // theory
        #expect(plot.data.contains("# block 1: empirical 50% success contour"))
        let c = try #require(plot.fits.first)
        #expect(c.value > 20 && c.value < 80)  // n* ≈ 40 d
    }

    @Test func convergenceScript() throws {
        let spec = try ReportFixture.spec(Self.convergenceYAML)
        let analysis = ExperimentAnalysis(spec: spec, records: ReportFixture.records(spec, Self.convergenceOutcome))
        let plot = analysis.plot(spec.charts[0])
        let script = try plot.script(formats: [.svg])
        #expect(script.contains("set logscale y"))
        #expect(script.contains("set xlabel \"iteration\""))
        #expect(script.contains("set ylabel \"training loss\""))
        #expect(script.contains("title \"tensor\"") && script.contains("title \"random\""))
        #expect(plot.data.contains("# columns: iteration median q25 q75 trials"))
        #expect(plot.data.contains("\n0 "))
    }

    @Test func categoricalX() throws {
        let yaml = ReportFixture.samplesYAML.replacingOccurrences(of: "\nclaims:", with: """

              - id: error-by-activation
                x: activation
                y: error
                series: dimension
                log_y: true
            claims:
            """)
        let spec = try ReportFixture.spec(yaml)
        let analysis = ExperimentAnalysis(spec: spec, records: ReportFixture.records(spec, ReportFixture.samplesOutcome))
        let plot = analysis.plot(try #require(spec.charts.last))
        let script = try plot.script(formats: [.svg])
        #expect(script.contains("set xtics (\"relu\" 0, \"squared-relu\" 1)"))
        #expect(script.contains("set xrange [-0.5:1.5]"))
        #expect(script.contains("using 10:2:3:4 with yerrorbars"))
        #expect(!script.contains("set logscale x"))
        #expect(plot.data.contains("\n0 ") && plot.data.contains("\n1 "))
        if let gnuplot = Gnuplot.locate() {
            let (rendered, _) = try plot.write(to: ReportFixture.temporaryFolder("chart"), formats: [.png],
                                               templates: ReportTemplates(), gnuplot: gnuplot)
            #expect(FileManager.default.fileExists(atPath: rendered.images[0].url.path))
        }
    }

    @Test func labelsEscapeEnhancedText() {
        #expect(ChartLabels.escape("a_b^c \"q\"") == "a\\\\_b\\\\^c \\\"q\\\"")
        #expect(ChartLabels.label("samples_per_dimension") == "samples per dimension")
    }

    @Test(.enabled(if: Gnuplot.locate() != nil, "gnuplot is not installed"))
    func rendersWithGnuplot() throws {
        let samples = try samplesAnalysis()
        let spec = try ReportFixture.spec(Self.convergenceYAML)
        let convergence = ExperimentAnalysis(spec: spec, records: ReportFixture.records(spec, Self.convergenceOutcome))
        let folder = ReportFixture.temporaryFolder("chart")
        for (analysis, chart) in samples.spec.charts.map({ (samples, $0) }) + [(convergence, spec.charts[0])] {
            let (rendered, _) = try analysis.plot(chart).write(to: folder, formats: [.svg, .png, .pdf],
                                                               templates: ReportTemplates(), gnuplot: Gnuplot.locate())
            for (format, url) in rendered.images {
                let data = try Data(contentsOf: url)
                #expect(data.count > 1000, "\(url.lastPathComponent)")
                switch format {
                case .svg:
                    let text = String(decoding: data.prefix(200), as: UTF8.self)
                    #expect(text.hasPrefix("<?xml") || text.hasPrefix("<svg"))
                    if let rsvg = Gnuplot.locate("rsvg-convert") {
                        let process = Process()
                        process.executableURL = rsvg
                        process.arguments = [url.path, "-o", folder.appendingPathComponent("\(chart.id)-check.png").path]
                        process.standardError = FileHandle.nullDevice
                        try process.run()
                        process.waitUntilExit()
                        #expect(process.terminationStatus == 0, "rsvg-convert rejects \(url.lastPathComponent)")
                    }
                case .png: #expect(data.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
                case .pdf: #expect(data.prefix(4) == Data("%PDF".utf8))
                }
            }
        }
    }

    @Test func formatsParse() throws {
        #expect(try ImageFormat.parseList("svg, PNG,pdf,svg") == [.svg, .png, .pdf])
        #expect(throws: ImageFormat.UnknownFormat.self) { try ImageFormat.parseList("svg,jpeg") }
    }
}
