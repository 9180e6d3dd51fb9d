/// Draws Gaussian inputs x ~ N(0, I_d) and labels y = F_{W*}(x) + ε,
/// ε ~ N(0, s²) (MATH.md §2).
///
/// Inputs are drawn in chunks of `chunkSize` samples, chunk c from the
/// stream `source.child("inputs", c)` and its label noise from
/// `source.child("noise", c)`. The sample is therefore the same whatever the
/// thread count, and the first n samples of a larger draw equal a draw of n
/// (samples are nested across sample sizes, which makes error-versus-n
/// curves smoother).
public enum DataGenerator {
    public static let chunkSize = 4096

    public static func draw(truth: Network, sampleCount n: Int, noise: Double = 0,
                            source: RandomSource, threads: Int = 1) -> Dataset {
        let d = truth.shape.dimension
        var inputs = [Double](repeating: 0, count: n * d)
        var labels = [Double](repeating: 0, count: n)
        let chunkCount = (n + chunkSize - 1) / chunkSize
        inputs.withUnsafeMutableBufferPointer { xBuffer in
            labels.withUnsafeMutableBufferPointer { yBuffer in
                let x = SendablePointer(xBuffer.baseAddress!)
                let y = SendablePointer(yBuffer.baseAddress!)
                ChunkedParallel.forEach(chunkCount: chunkCount, threads: threads) { chunk in
                    let start = chunk * chunkSize, end = min(n, start + chunkSize)
                    var stream = source.child("inputs", StreamKey.integer(Int64(chunk))).stream
                    stream.fillGaussian(UnsafeMutableBufferPointer(start: x.base + start * d, count: (end - start) * d))
                    var noiseStream = source.child("noise", StreamKey.integer(Int64(chunk))).stream
                    for i in start..<end {
                        let row = UnsafeBufferPointer(start: x.base + i * d, count: d)
                        var label = truth.output(row)
                        if noise > 0 { label += noise * noiseStream.nextGaussian() }
                        y.base[i] = label
                    }
                }
            }
        }
        return Dataset(sampleCount: n, dimension: d, inputs: inputs, labels: labels)
    }
}
