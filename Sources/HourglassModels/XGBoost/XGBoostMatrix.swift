import CXGBoost

/// An XGBoost `DMatrix` built from a dense row-major Float matrix, owning its handle.
///
/// Unchecked `Sendable`: the handle never changes after `init`, and one ensemble hour hands the same matrix
/// to its tree models one after another (each under its booster's lock; prediction only reads it).
final class XGBoostMatrix: @unchecked Sendable {
    let handle: DMatrixHandle
    let rowCount: Int

    /// Copies `features` (and `labels`, one per row, when given) into a new DMatrix. NaN is missing.
    /// Built with one thread, so the copy never depends on the machine's core count.
    init(_ features: FeatureMatrix, labels: [Float]? = nil) throws(XGBoostError) {
        precondition(features.rowCount > 0 && features.columnCount > 0, "a DMatrix needs at least one cell")
        var made: DMatrixHandle?
        let code = features.values.withUnsafeBufferPointer {
            XGDMatrixCreateFromMat_omp(
                $0.baseAddress, UInt64(features.rowCount), UInt64(features.columnCount),
                Float.nan, &made, 1)
        }
        try XGBoostError.check(code, "XGDMatrixCreateFromMat_omp")
        guard let made else { throw XGBoostError(operation: "XGDMatrixCreateFromMat_omp", message: "no handle") }
        handle = made
        rowCount = features.rowCount
        if let labels {
            precondition(labels.count == features.rowCount, "one label per row")
            let code = labels.withUnsafeBufferPointer {
                XGDMatrixSetFloatInfo(handle, "label", $0.baseAddress, UInt64($0.count))
            }
            try XGBoostError.check(code, "XGDMatrixSetFloatInfo(label)")
        }
    }

    deinit { XGDMatrixFree(handle) }
}
