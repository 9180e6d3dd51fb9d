/// A dense real matrix stored column by column.
///
/// The kernel matrix W ∈ R^{k×t} is a `Matrix` whose column j is kernel w_j,
/// contiguous in memory, which is what the loss/gradient pass and LAPACK want.
public struct Matrix: Hashable, Sendable {
    public let rows: Int
    public let columns: Int
    /// Column-major values: entry (i, j) is `values[i + j * rows]`.
    public var values: [Double]

    public init(rows: Int, columns: Int, values: [Double]) {
        precondition(values.count == rows * columns, "matrix needs rows × columns values")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        self.init(rows: rows, columns: columns, values: [Double](repeating: value, count: rows * columns))
    }

    /// A matrix from its columns (all of equal length).
    public init(columns: [[Double]]) {
        let rows = columns.first?.count ?? 0
        precondition(columns.allSatisfy { $0.count == rows }, "columns must have equal length")
        self.init(rows: rows, columns: columns.count, values: columns.flatMap { $0 })
    }

    public subscript(row: Int, column: Int) -> Double {
        get { values[row + column * rows] }
        set { values[row + column * rows] = newValue }
    }

    /// Column j as an array.
    public func column(_ j: Int) -> [Double] { Array(values[(j * rows)..<((j + 1) * rows)]) }

    /// The columns taken in the order `permutation` (column j of the result
    /// is column `permutation[j]` of this matrix).
    public func permutingColumns(_ permutation: [Int]) -> Matrix {
        Matrix(columns: permutation.map { column($0) })
    }

    public var transposed: Matrix {
        var result = Matrix(rows: columns, columns: rows)
        for j in 0..<columns { for i in 0..<rows { result[j, i] = self[i, j] } }
        return result
    }

    /// ‖A‖_F.
    public var frobeniusNorm: Double { values.euclideanNorm }

    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    public static func - (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.rows == b.rows && a.columns == b.columns)
        return Matrix(rows: a.rows, columns: a.columns, values: zip(a.values, b.values).map { $0 - $1 })
    }

    public static func + (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.rows == b.rows && a.columns == b.columns)
        return Matrix(rows: a.rows, columns: a.columns, values: zip(a.values, b.values).map { $0 + $1 })
    }

    public static func * (scale: Double, a: Matrix) -> Matrix {
        Matrix(rows: a.rows, columns: a.columns, values: a.values.map { scale * $0 })
    }

    /// The product A·B (small matrices; naive triple loop).
    public static func * (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.columns == b.rows, "inner dimensions differ")
        var c = Matrix(rows: a.rows, columns: b.columns)
        for j in 0..<b.columns {
            for p in 0..<a.columns {
                let bpj = b[p, j]
                if bpj == 0 { continue }
                for i in 0..<a.rows { c.values[i + j * a.rows] += a.values[i + p * a.rows] * bpj }
            }
        }
        return c
    }
}

extension Array where Element == Double {
    /// The Euclidean norm, scaled to avoid overflow and underflow.
    public var euclideanNorm: Double {
        let scale = self.reduce(0) { Swift.max($0, abs($1)) }
        if scale == 0 || !scale.isFinite { return scale }
        var sum = 0.0
        for x in self { let y = x / scale; sum += y * y }
        return scale * sum.squareRoot()
    }

    /// Σ aᵢbᵢ.
    public func dot(_ other: [Double]) -> Double {
        precondition(count == other.count)
        var sum = 0.0
        for i in indices { sum += self[i] * other[i] }
        return sum
    }
}
