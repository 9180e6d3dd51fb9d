/// The assignment problem: a permutation π minimising Σ_i cost[i][π(i)].
///
/// The O(t³) Hungarian algorithm with row and column potentials (Kuhn 1955,
/// Munkres 1957, in the shortest-augmenting-path form of Jonker–Volgenant).
/// Kernels are recoverable only up to order, so estimated kernels are
/// matched to true ones before any error is computed (MATH.md §6).
public enum Hungarian {
    /// For a square cost matrix (cost[i][j] = cost of giving column j to row
    /// i), the assignment `result[i] = j` of minimal total cost.
    public static func assignment(_ cost: [[Double]]) -> [Int] {
        let n = cost.count
        precondition(cost.allSatisfy { $0.count == n }, "cost matrix must be square")
        if n == 0 { return [] }
        // 1-based arrays with a sentinel column 0, as in the classic form.
        var u = [Double](repeating: 0, count: n + 1)
        var v = [Double](repeating: 0, count: n + 1)
        var rowOfColumn = [Int](repeating: 0, count: n + 1)
        var way = [Int](repeating: 0, count: n + 1)
        for row in 1...n {
            rowOfColumn[0] = row
            var column0 = 0
            var minimum = [Double](repeating: .infinity, count: n + 1)
            var used = [Bool](repeating: false, count: n + 1)
            repeat {
                used[column0] = true
                let row0 = rowOfColumn[column0]
                var delta = Double.infinity
                var column1 = 0
                for j in 1...n where !used[j] {
                    let reduced = cost[row0 - 1][j - 1] - u[row0] - v[j]
                    if reduced < minimum[j] { minimum[j] = reduced; way[j] = column0 }
                    if minimum[j] < delta { delta = minimum[j]; column1 = j }
                }
                for j in 0...n {
                    if used[j] { u[rowOfColumn[j]] += delta; v[j] -= delta } else { minimum[j] -= delta }
                }
                column0 = column1
            } while rowOfColumn[column0] != 0
            repeat {
                let column1 = way[column0]
                rowOfColumn[column0] = rowOfColumn[column1]
                column0 = column1
            } while column0 != 0
        }
        var result = [Int](repeating: 0, count: n)
        for j in 1...n { result[rowOfColumn[j] - 1] = j - 1 }
        return result
    }
}
