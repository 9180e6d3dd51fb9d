/// The look shared by every chart: a paper figure's fonts, thin lines,
/// point markers and the Okabe–Ito colour-blind-safe palette.
public enum ChartStyle {
    /// Okabe & Ito, "Color Universal Design" (2008): distinguishable under
    /// the common colour-vision deficiencies; yellow last (weak on white).
    public static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]
    /// Filled circle, square, up triangle, diamond, down triangle, … (gnuplot pt).
    public static let pointTypes = [7, 5, 9, 13, 11, 15, 6, 4]
    public static let font = "DejaVu Sans"

    public static func color(_ index: Int) -> String { palette[index % palette.count] }
    public static func pointType(_ index: Int) -> Int { pointTypes[index % pointTypes.count] }
}

/// An image format a chart is rendered to, with its gnuplot terminal.
public enum ImageFormat: String, Sendable, CaseIterable, Hashable {
    case svg, png, pdf

    /// The terminal line (after `set terminal`): font set explicitly, sizes
    /// of a one-column paper figure (PNG at 1.5× for screens).
    public var terminal: String {
        switch self {
        case .svg: "svg size 600,400 dynamic enhanced font '\(ChartStyle.font),11' background rgb 'white'"
        case .png: "pngcairo size 900,600 enhanced font '\(ChartStyle.font),15' linewidth 1.5 background rgb 'white'"
        case .pdf: "pdfcairo size 5in,3.33in enhanced font '\(ChartStyle.font),10'"
        }
    }

    /// Marker size for this terminal (svg draws markers larger than pngcairo).
    public var pointSize: String {
        switch self {
        case .svg, .pdf: "0.45"
        case .png: "0.7"
        }
    }

    /// The default formats: SVG for papers, PNG for quick viewing.
    public static let defaults: [ImageFormat] = [.svg, .png]

    /// Parses `svg,png,pdf` (duplicates dropped); throws naming an unknown entry.
    public static func parseList(_ text: String) throws(UnknownFormat) -> [ImageFormat] {
        var formats: [ImageFormat] = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !part.isEmpty {
            guard let f = ImageFormat(rawValue: part) else { throw UnknownFormat(name: part) }
            if !formats.contains(f) { formats.append(f) }
        }
        return formats
    }

    public struct UnknownFormat: Error, CustomStringConvertible {
        public let name: String
        public var description: String { "unknown image format '\(name)' (valid: svg, png, pdf)" }
    }
}

import Foundation
