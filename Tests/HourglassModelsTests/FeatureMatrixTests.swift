import Testing

@testable import HourglassModels

@Suite("FeatureMatrix")
struct FeatureMatrixTests {
    @Test("rows are selected in the order asked, and missing values compare equal by their bits")
    func rowsAndEquality() {
        let matrix = FeatureMatrix(rows: [[1, .nan], [3, 4], [5, 6]])
        #expect(matrix.rows([2, 0]) == FeatureMatrix(rows: [[5, 6], [1, .nan]]))
        #expect(matrix.rows([2, 0]) != FeatureMatrix(rows: [[5, 6], [1, 2]]))
        #expect(Array(matrix.row(1)) == [3, 4])
    }
}
